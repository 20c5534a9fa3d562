import { diff, flattenInput, merge } from './record-fields';

describe('record fields', () => {
  it('counts each contact sub-field as a field of its own', () => {
    expect(flattenInput({ remarks: 'x', contact: { phone: '+1', email: '' } })).toEqual({
      remarks: 'x',
      'contact.address': null,
      'contact.phone': '+1',
      'contact.fax': null,
      'contact.email': null,
      'contact.website': null,
    });
    expect(diff({ 'contact.phone': '+1', remarks: null }, { 'contact.phone': '+2', remarks: null })).toEqual([
      { field: 'contact.phone', from: '+1', to: '+2' },
    ]);
  });

  it('reads only the contact sub-fields a reviewer names, when asked', () => {
    expect(flattenInput({ contact: { phone: '+3' } }, { partialContact: true })).toEqual({ 'contact.phone': '+3' });
  });

  it('compares structured values whatever the order of their keys', () => {
    expect(diff({ officeHours: { mon: [], tue: [] } }, { officeHours: { tue: [], mon: [] } })).toEqual([]);
  });

  it('merges fields nobody else changed and reports those someone did', () => {
    const base = { remarks: 'old', 'contact.phone': '+1' };
    const proposed = { remarks: 'mine', 'contact.phone': '+2' };
    // Someone else changed the fax (untouched here) and the phone (touched here).
    const current = { remarks: 'old', 'contact.phone': '+9', 'contact.fax': '+5' };
    expect(merge(current, base, proposed)).toEqual({ apply: { remarks: 'mine' }, conflicts: ['contact.phone'] });
    // Already holding the proposed value is no conflict; the reviewer's edit decides a conflicting field.
    expect(merge({ ...current, 'contact.phone': '+2' }, base, proposed).conflicts).toEqual([]);
    expect(merge(current, base, proposed, { 'contact.phone': '+3' })).toEqual({
      apply: { remarks: 'mine', 'contact.phone': '+3' },
      conflicts: [],
    });
  });
});
