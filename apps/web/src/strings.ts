/**
 * Every user-visible string of the authentication pages, in one place so that it can be translated
 * (i18n comes later). Functions take the values they interpolate.
 */
export const strings = {
  app: {
    name: 'Liaison',
    tagline:
      'Secure network for the focal points of central authorities handling extradition, mutual legal assistance and confiscation requests between States.',
    skipToContent: 'Skip to main content',
    homeLink: 'Liaison home page',
    networksIntro: 'Regional judicial cooperation networks:',
    networks: ['Indian Ocean Commission judicial platform', 'Sahel judicial platform'],
    notFoundTitle: 'Page not found',
    notFoundText: 'There is no page at this address.',
    backHome: 'Go to the home page',
    /** Page titles (the <title> element) end with this. */
    titleSuffix: ' – Liaison',
  },

  roles: {
    admin: 'Administrator',
    secretariat: 'Secretariat',
    coordinator: 'Coordinator',
    focal_point: 'Focal point',
  } as Readonly<Record<string, string>>,

  home: {
    title: 'Home',
    checkingSession: 'Checking whether you are signed in…',
    accountHeading: 'Your account',
    signedInAs: (name: string, role: string) => `Signed in as ${name} (${role})`,
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    signIn: 'Sign in',
    signInPrompt: 'Already have an account?',
    notice: 'Under construction',
    introHeading: 'What is coming',
    introText:
      'Liaison will give the focal points of regional judicial cooperation networks a single, secure place to work together on requests for international cooperation in criminal matters.',
    features: [
      {
        title: 'Secure threads between focal points',
        text: 'Exchange messages and documents on a case with your counterparts in other States.',
      },
      {
        title: 'Helpdesk for blocked requests',
        text: 'Flag an extradition, mutual legal assistance or confiscation request that is stuck and get help to move it forward.',
      },
      {
        title: 'Meetings',
        text: 'Plan and hold meetings of the network and bilateral case consultations.',
      },
      {
        title: 'Directory of competent authorities',
        text: 'Find the competent authority and the focal point to contact in each State.',
      },
    ],
  },

  signIn: {
    title: 'Sign in',
    intro: 'Sign in with the e-mail address and password of your Liaison account.',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Continue',
    codeTitle: 'Two-step verification',
    codeIntro: 'Enter the 6-digit code from your authenticator app.',
    code: '6-digit code',
    codeHint: 'The code changes every 30 seconds.',
    recoveryIntro: 'Enter one of the recovery codes you saved when you set up your account. Each code works once.',
    recoveryCode: 'Recovery code',
    useRecoveryCode: 'Use a recovery code instead',
    useAuthenticator: 'Use a code from your authenticator app instead',
    verify: 'Sign in',
    startAgain: 'Start again with your password',
    working: 'Please wait…',
    emailRequired: 'Enter your e-mail address.',
    passwordRequired: 'Enter your password.',
    codeInvalid: 'Enter the 6 digits shown in your authenticator app.',
    recoveryRequired: 'Enter a recovery code.',
    noAccount: 'No account? Accounts are created by invitation from the network secretariat.',
  },

  enrol: {
    invitationTitle: 'Accept your invitation',
    resetTitle: 'Reset your password',
    loading: 'Checking your link…',
    noToken: 'This page opens from the link in your invitation or password-reset e-mail. Open that link again.',
    invalidLink: 'This link is not valid. Check that you opened the whole link from your e-mail, or ask for a new one.',
    tryAgain: 'Try again',
    goToSignIn: 'Go to the sign-in page',
    invitedAs: 'You are invited to join Liaison.',
    resetFor: 'Choose a new password and set up your authenticator app again. This signs you out on every other device.',
    emailLabel: 'E-mail address',
    roleLabel: 'Role',
    expiresLabel: 'Link valid until',
    accountStep: 'Your account',
    displayName: 'Your name',
    displayNameHint: 'As your colleagues in the network will see it, for example “Amina Diallo (Ministry of Justice)”.',
    password: 'New password',
    passwordHint: 'Between 12 and 128 characters. Common passwords are refused; a phrase of several words is easy to remember and hard to guess.',
    passwordConfirm: 'Confirm the password',
    authenticatorStep: 'Authenticator app',
    authenticatorIntro:
      'Liaison asks for a code from an authenticator app (for example FreeOTP, Aegis, Google Authenticator or Microsoft Authenticator) each time you sign in. Scan this QR code with the app:',
    qrAlt: 'QR code to scan with your authenticator app',
    secretIntro: 'Cannot scan it? Add an account in the app by hand with this key (time-based):',
    secretLabel: 'Setup key',
    openInApp: 'Open in an authenticator app on this device',
    code: '6-digit code from the app',
    codeHint: 'Once the app shows the Liaison account, type the code it displays.',
    submitInvitation: 'Create my account',
    submitReset: 'Save my new password',
    working: 'Please wait…',
    fixErrors: 'Some answers need your attention. Check the fields marked below.',
    displayNameInvalid: 'Enter your name (2 to 120 characters).',
    passwordTooShort: 'The password must be at least 12 characters.',
    passwordTooLong: 'The password must be at most 128 characters.',
    passwordMismatch: 'The two passwords are not the same.',
    codeInvalid: 'Enter the 6 digits shown in your authenticator app.',
    /** How the API's field messages ("must be at least 12 characters") begin for each field. */
    fieldSubjects: {
      displayName: 'Your name',
      password: 'The password',
      totpSecret: 'The setup key',
      totpCode: 'The code',
    } as Readonly<Record<string, string>>,
    recoveryTitle: 'Save your recovery codes',
    recoveryIntro:
      'Your account is ready. If you lose your phone, these recovery codes let you sign in: each works once. Store them somewhere safe, such as a password manager or a printed copy kept under lock. They will not be shown again.',
    recoveryListLabel: 'Recovery codes',
    recoveryDone: 'I have saved these codes',
  },

  errors: {
    network: 'The platform could not be reached. Check your connection and try again.',
    unexpected: 'Something went wrong. Please try again.',
  },
};

export function roleLabel(role: string | null | undefined): string {
  if (!role) return '';
  return strings.roles[role] ?? role;
}
