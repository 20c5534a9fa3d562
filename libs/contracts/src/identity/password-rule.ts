/**
 * The length a new password must have, checked by the API (with its list of common passwords, which stays
 * on the server) and by the web app before it sends the form.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** The length problem of a new password, or null; the API's message words it in English. */
export function passwordLengthProblem(password: string): 'too-short' | 'too-long' | null {
  if (password.length < PASSWORD_MIN) return 'too-short';
  if (password.length > PASSWORD_MAX) return 'too-long';
  return null;
}
