import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payload } from '../../api/client';
import { FieldError } from '../../ui/forms';
import { weekdayName, WEEKDAYS } from '../../format';
import { useLanguage } from '../../i18n';

type OfficeHours = Payload<'/api/authorities', 'post'>['officeHours'];

/** An authority's opening hours: for each weekday, its intervals in the authority's own zone. */
export function OfficeHoursEditor({
  value,
  onChange,
  error,
}: {
  value: OfficeHours;
  onChange: (value: OfficeHours) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const set = (day: keyof OfficeHours, intervals: OfficeHours[keyof OfficeHours]) =>
    onChange({ ...value, [day]: intervals });
  return (
    <fieldset className={`hours-editor${error ? ' field--invalid' : ''}`} data-testid="office-hours-editor">
      <legend className="field__label">{t('admin.officeHours')}</legend>
      {WEEKDAYS.map((day) => {
        const dayName = weekdayName(day, language);
        return (
          <div key={day} className="hours-editor__day" role="group" aria-labelledby={`${id}-${day}`}>
            <p id={`${id}-${day}`} className="hours-editor__name">
              {dayName}
            </p>
            {value[day].length === 0 && <p className="muted">{t('admin.closed')}</p>}
            {value[day].map((interval, index) => (
              <div key={index} className="hours-editor__interval">
                <div className="field">
                  <label className="field__label" htmlFor={`${id}-${day}-${index}-start`}>
                    {t('admin.opens')}
                  </label>
                  <input
                    id={`${id}-${day}-${index}-start`}
                    className="input input--time"
                    type="time"
                    required
                    value={interval.start}
                    onChange={(event) =>
                      set(
                        day,
                        value[day].map((entry, i) => (i === index ? { ...entry, start: event.target.value } : entry)),
                      )
                    }
                    data-testid={`hours-${day}-${index}-start`}
                  />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor={`${id}-${day}-${index}-end`}>
                    {t('admin.closes')}
                  </label>
                  <input
                    id={`${id}-${day}-${index}-end`}
                    className="input input--time"
                    type="time"
                    required
                    value={interval.end}
                    onChange={(event) =>
                      set(
                        day,
                        value[day].map((entry, i) => (i === index ? { ...entry, end: event.target.value } : entry)),
                      )
                    }
                    data-testid={`hours-${day}-${index}-end`}
                  />
                </div>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    set(
                      day,
                      value[day].filter((_, i) => i !== index),
                    )
                  }
                  aria-label={t('admin.removeInterval', { day: dayName, start: interval.start, end: interval.end })}
                >
                  {t('common.remove')}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="link-button"
              onClick={() => set(day, [...value[day], { start: '09:00', end: '17:00' }])}
              data-testid={`hours-${day}-add`}
            >
              {t('admin.addInterval')} <span className="visually-hidden">({dayName})</span>
            </button>
          </div>
        );
      })}
      {error && <FieldError field="officeHours" message={error} />}
    </fieldset>
  );
}
