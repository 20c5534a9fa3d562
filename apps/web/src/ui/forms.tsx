import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, messageOf } from '../api/problem';
import { useBusy } from '../hooks';

/** An error or warning the user must notice, read out by screen readers when it appears. */
export function Alert({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="alert" role="alert" data-testid={testId}>
      {children}
    </div>
  );
}

/** A confirmation (saved, sent…), announced politely. Keep it mounted and change its text. */
export function Notice({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className={children ? 'notice-ok' : 'notice-ok notice-ok--empty'} role="status" data-testid={testId}>
      {children}
    </div>
  );
}

interface FieldShell {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  /** The field's name in the API's `errors[].field`; the error element is `data-testid="error-<field>"`. */
  field: string;
  testId?: string;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Shell({ id, label, hint, error, field, children }: FieldShell & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && <FieldError id={`${id}-error`} field={field} message={error} />}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> &
  FieldShell & { ref?: Ref<HTMLInputElement> };

/** A labelled input with an optional hint and error, both tied to it by aria-describedby. */
export function TextField({ id, label, hint, error, field, testId, className, ref, ...input }: TextFieldProps) {
  return (
    <Shell id={id} label={label} hint={hint} error={error} field={field}>
      <input
        {...input}
        ref={ref}
        id={id}
        name={field}
        className={`input${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      />
    </Shell>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'children'> & FieldShell;

export function TextAreaField({ id, label, hint, error, field, testId, className, ...input }: TextAreaProps) {
  return (
    <Shell id={id} label={label} hint={hint} error={error} field={field}>
      <textarea
        rows={4}
        {...input}
        id={id}
        name={field}
        className={`input input--area${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      />
    </Shell>
  );
}

export interface Option {
  value: string;
  label: string;
  lang?: string;
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'children'> &
  FieldShell & {
    options: readonly Option[];
    /** A first option with an empty value ("All States", "Choose…"). */
    placeholder?: string;
  };

export function SelectField({
  id,
  label,
  hint,
  error,
  field,
  testId,
  options,
  placeholder,
  className,
  ...select
}: SelectProps) {
  return (
    <Shell id={id} label={label} hint={hint} error={error} field={field}>
      <select
        {...select}
        id={id}
        name={field}
        className={`input select${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'children'> & {
  id: string;
  label: string;
  field: string;
  testId?: string;
};

export function CheckboxField({ id, label, field, testId, ...input }: CheckboxProps) {
  return (
    <div className="checkbox">
      <input {...input} type="checkbox" id={id} name={field} data-testid={testId} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A group of checkboxes choosing several values, as one fieldset. */
export function CheckboxGroup({
  id,
  legend,
  field,
  options,
  value,
  onChange,
  error,
  hint,
  testId,
  hideLegend,
}: {
  id: string;
  /** Shown unless `hideLegend` (when a heading right above says the same). */
  hideLegend?: boolean;
  legend: string;
  field: string;
  options: readonly Option[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  error?: string;
  hint?: string;
  testId?: string;
}) {
  const toggle = (option: string, checked: boolean) =>
    onChange(checked ? [...value, option] : value.filter((entry) => entry !== option));
  return (
    <fieldset
      className={`checkbox-group${error ? ' field--invalid' : ''}`}
      aria-describedby={describedBy(id, hint, error)}
      data-testid={testId}
    >
      <legend className={hideLegend ? 'visually-hidden' : 'field__label'}>{legend}</legend>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="checkbox-group__options">
        {options.map((option) => (
          <CheckboxField
            key={option.value}
            id={`${id}-${option.value}`}
            field={field}
            label={option.label}
            value={option.value}
            lang={option.lang}
            checked={value.includes(option.value)}
            onChange={(event) => toggle(option.value, event.target.checked)}
          />
        ))}
      </div>
      {error && <FieldError id={`${id}-error`} field={field} message={error} />}
    </fieldset>
  );
}

export function FieldError({ id, field, message }: { id?: string; field: string; message: string }) {
  return (
    <p className="field__error" id={id} data-testid={`error-${field}`}>
      <span className="field__error-icon" aria-hidden="true" />
      {message}
    </p>
  );
}

/** A primary button that stays focusable while busy (aria-disabled) instead of dropping focus. */
export function SubmitButton({
  busy,
  label,
  busyLabel,
  testId,
  secondary,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  testId?: string;
  secondary?: boolean;
}) {
  return (
    <button
      type="submit"
      className={secondary ? 'button' : 'button button--primary'}
      aria-disabled={busy || undefined}
      data-testid={testId}
    >
      {busy ? busyLabel : label}
    </button>
  );
}

/** Focuses the first element of the form marked invalid (after a failed submission). */
export function focusFirstInvalid(form: HTMLElement | null): void {
  const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid input');
  target?.focus();
}

export type FieldErrors = Record<string, string>;

/**
 * The API's field problems, by field (the first message of each). A nested field (`contact.email`) is also
 * reported under its parent when the form has no field by that name. `known` lists the form's fields;
 * problems about other fields come back in `other`.
 */
export function fieldErrorsOf(error: unknown, known: readonly string[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  if (!(error instanceof ApiError)) return { fields, other };
  for (const problem of error.fieldErrors) {
    const name = known.includes(problem.field)
      ? problem.field
      : known.find((field) => problem.field.startsWith(`${field}.`) || problem.field.startsWith(`${field}[`));
    const message = problem.message.startsWith(`${problem.field} `)
      ? problem.message.slice(problem.field.length + 1)
      : problem.message;
    const text = `${message.charAt(0).toUpperCase()}${message.slice(1)}`;
    if (name) fields[name] ??= text;
    else other.push(`${problem.field}: ${problem.message}`);
  }
  return { fields, other };
}

/**
 * A form's submission state: one submission at a time (`busy`), the API's field problems by field (`errors`)
 * and the message for the alert (`error`). `submit(task)` clears both, runs the task and, if it fails, shows
 * what went wrong and focuses the first invalid field. `fields` lists the form's fields (see `fieldErrorsOf`).
 */
export function useFormSubmit(
  fields: readonly string[],
  options: {
    /** With field problems, the alert says "fix the errors" (and lists problems about other fields) instead of the API's message. */
    fixErrors?: boolean;
    /** Focus the first invalid field after a failure (default true). */
    focus?: boolean;
    /** Also run after a failure (to clear a one-time code…). */
    onError?: (caught: unknown) => void;
  } = {},
) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();
  const focusLater = () => requestAnimationFrame(() => focusFirstInvalid(formRef.current));

  /** Shows problems found before sending (client-side checks). */
  const invalid = (found: FieldErrors, message: string = t('common.fixErrors')) => {
    setErrors(found);
    setError(message);
    focusLater();
  };

  const submit = (task: () => Promise<void>) =>
    run(async () => {
      setError(null);
      setErrors({});
      try {
        await task();
      } catch (caught) {
        const { fields: found, other } = fieldErrorsOf(caught, fields);
        setErrors(found);
        options.onError?.(caught);
        setError(
          options.fixErrors && Object.keys(found).length > 0
            ? [t('common.fixErrors'), ...other].join(' ')
            : messageOf(caught),
        );
        if (options.focus ?? true) focusLater();
      }
    });

  return { formRef, errors, error, busy, submit, invalid };
}
