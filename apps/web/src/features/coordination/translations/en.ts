/** The coordination feature's strings in English; the other languages must have the same keys. */
export const en = {
  coordination: {
    title: 'Coordination',
    intro: 'Manage the members of the networks you coordinate.',
    noNetworks: 'You do not coordinate any network.',
    members: 'Members',
    invite: 'Invite a focal point',
    inviteIntro:
      'Invite a focal point of a member State to this network. The secretariat approves the invitation, then it is e-mailed to the person; the link is never shown here.',
    email: 'E-mail address',
    authority: 'Authority',
    chooseAuthority: 'Choose an authority',
    submit: 'Ask for the invitation',
    awaitingApproval: 'The invitation to {{email}} awaits the secretariat’s approval.',
    invitations: 'Your invitations',
    invitationsIntro:
      'Where each invitation you made stands. Approved invitations are e-mailed; you can send a new link, which replaces the previous one.',
  },
};
