import { ValidateBy, ValidationOptions } from 'class-validator';

export const DISPLAY_NAME_MIN = 2;
export const DISPLAY_NAME_MAX = 80;

/**
 * Control characters, line and paragraph separators, and format characters (bidirectional overrides and
 * isolates, zero-width spaces, BOM), except the zero-width joiner and non-joiner some scripts need.
 */
const INVISIBLE = /[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200C\u200D])\p{Cf}/u;
/** A scheme, `www.`, an e-mail address, or a word.word host name: a name that would become a link in a mail client. */
const LINK_LIKE = /[a-z][a-z0-9+.-]*:\/\/|www\.|@|[\p{L}\p{N}-]\.[a-z]{2,}\b/iu;

/**
 * Why a display name is refused, or null. A display name travels into other people's e-mails and
 * notifications: it must read as a name, not carry a link, a forged line or text that runs backwards.
 */
export function displayNameProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be text';
  const name = value.trim();
  if ([...name].length < DISPLAY_NAME_MIN || [...name].length > DISPLAY_NAME_MAX)
    return `must be ${DISPLAY_NAME_MIN} to ${DISPLAY_NAME_MAX} characters`;
  if (INVISIBLE.test(name)) return 'must not contain control, invisible or text-direction characters';
  if (LINK_LIKE.test(name)) return 'must not contain a web or e-mail address';
  return null;
}

/** class-validator decorator: a display name as `displayNameProblem` accepts it. */
export function IsDisplayName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDisplayName',
      validator: {
        validate: (value: unknown) => displayNameProblem(value) === null,
        defaultMessage: (args) => displayNameProblem(args?.value) ?? 'is not a valid name',
      },
    },
    options,
  );
}
