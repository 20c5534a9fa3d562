import { csvCell, toCsv } from './csv';

describe('CSV export cells', () => {
  it('neutralises every cell that a spreadsheet would read as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves plain text and numbers alone, and quotes what needs quoting', () => {
    expect(csvCell('mla')).toBe('mla');
    expect(csvCell('Treaty of 1 May 2001, Art. 3')).toBe('"Treaty of 1 May 2001, Art. 3"');
    expect(csvCell('a "b"')).toBe('"a ""b"""');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(
      toCsv([
        ['a', 1],
        ['=b', null],
      ]),
    ).toBe("a,1\r\n'=b,\r\n");
  });
});
