import type { InputHTMLAttributes, ReactNode, Ref } from 'react';

/** An error or warning the user must notice, read out by screen readers when it appears. */
export function Alert({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className="alert" role="alert" data-testid={testId}>
      {children}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> & {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  /** The field's name in the API's `errors[].field`; the error element is `data-testid="error-<field>"`. */
  field: string;
  testId?: string;
  ref?: Ref<HTMLInputElement>;
};

/** A labelled input with an optional hint and error, both tied to it by aria-describedby. */
export function TextField({ id, label, hint, error, field, testId, className, ref, ...input }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        {...input}
        ref={ref}
        id={id}
        name={field}
        className={`input${className ? ` ${className}` : ''}`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      />
      {error && <FieldError id={errorId} field={field} message={error} />}
    </div>
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
export function SubmitButton({ busy, label, busyLabel, testId }: { busy: boolean; label: string; busyLabel: string; testId?: string }) {
  return (
    <button type="submit" className="button button--primary" aria-disabled={busy || undefined} data-testid={testId}>
      {busy ? busyLabel : label}
    </button>
  );
}

/** Focuses the first element of the form marked invalid (after a failed submission). */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  target?.focus();
}
