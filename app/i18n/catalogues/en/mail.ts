// Messages of one area in one language (docs/decisions/029-interface-languages.md).
export default {
  'mail.buttonFallback': 'If the button does not work, copy this address into your browser:',
  'mail.greeting': 'Hello {name},',
  'mail.verify.subject': 'Confirm your email for Peer Academy',
  'mail.verify.body': 'Please confirm that this is your email address. You can keep learning in the meantime.',
  'mail.verify.button': 'Confirm my email',
  'mail.verify.expiry':
    'The link works for {days, plural, one {# day} other {# days}}. If you did not create a Peer Academy account, you can ignore this message.',
  'mail.verify.why': 'You got this email because someone created a Peer Academy account with {email}.',
  'mail.reset.subject': 'Reset your Peer Academy password',
  'mail.reset.body':
    'Someone asked to reset the password of your Peer Academy account. If it was you, choose a new password here:',
  'mail.reset.button': 'Choose a new password',
  'mail.reset.expiry':
    'The link works once, for {minutes} minutes. If you did not ask for this, you can ignore this message: your password stays as it is.',
  'mail.reset.why': 'You got this email because a password reset was requested for the Peer Academy account of {email}.',
  'mail.trainerReset.subject': 'Your trainer sent you a link to reset your Peer Academy password',
  'mail.trainerReset.body': 'Your trainer, {trainerName}, asked Peer Academy to send you a link to choose a new password.',
  'mail.trainerReset.expiry':
    'The link works once, for {minutes} minutes. Your trainer cannot see or set your password. If you did not need this, you can ignore this message.',
  'mail.trainerReset.why':
    'You got this email because your trainer in a Peer Academy group sent a password reset link to {email}.',
  'mail.changed.subject': 'Your Peer Academy password was changed',
  'mail.changed.body':
    'The password of your Peer Academy account was just changed, and every session that was signed in has been logged out.',
  'mail.changed.ifNotYou': 'If this was you, there is nothing else to do. If it was not you, reset your password now:',
  'mail.resetMyPassword': 'Reset my password',
  'mail.changed.why': 'You got this email because the password of the Peer Academy account of {email} was changed.',
  'mail.signupExisting.subject': 'Someone tried to create a Peer Academy account with your email',
  'mail.signupExisting.body':
    'Someone just tried to create a new Peer Academy account with your email address. You already have an account, so no new account was made.',
  'mail.signupExisting.ifYou': 'If it was you, log in with your existing account:',
  'mail.login': 'Log in',
  'mail.signupExisting.forgot': 'If you do not remember your password, reset it:',
  'mail.signupExisting.ifNotYou': 'If it was not you, you can ignore this message. Nothing about your account has changed.',
  'mail.signupExisting.why': 'You got this email because someone tried to sign up for Peer Academy with {email}.',
  'mail.emailChange.subject': 'Confirm your new email for Peer Academy',
  'mail.emailChange.body':
    'You asked to use this address for your Peer Academy account. Your email changes only when you follow this link:',
  'mail.emailChange.button': 'Use this email address',
  'mail.emailChange.expiry':
    'The link works once, for {hours} hours. If you did not ask for this, ignore this message: nothing changes.',
  'mail.emailChange.why': 'You got this email because someone asked to move a Peer Academy account to {email}.',
  'mail.emailChangeNotice.subject': 'Someone asked to change the email of your Peer Academy account',
  'mail.emailChangeNotice.body':
    'Someone signed in to your Peer Academy account asked to change its email to {newEmail}. We sent a confirmation link to that address; nothing changes unless it is followed.',
  'mail.emailChangeNotice.why':
    'You got this email because it is the address of a Peer Academy account ({email}) whose email may change.',
  'mail.emailChanged.subject': 'The email of your Peer Academy account was changed',
  'mail.emailChanged.body': 'Your Peer Academy account now uses {newEmail}. This address gets no more mail from us.',
  'mail.emailChanged.ifNotYou': 'If this was not you, reset your password from the new address or ask your trainer for help:',
  'mail.emailChanged.why': 'You got this email because {email} was the address of a Peer Academy account until now.',
  'mail.notification.open': 'Open Peer Academy',
  'mail.notification.why':
    'You got this email because {kind, select, result {you asked to be emailed when a practice exam result is released to you} announcement {you asked to be emailed when a trainer of your group posts an announcement} certificate {you asked to be emailed when a certificate is issued to you} other {of your notification settings}} ({email}). Change this on your account page: {settingsUrl}',
  'mail.digest.subject': 'Your Peer Academy daily summary: {count, plural, one {# update} other {# updates}}',
  'mail.digest.intro':
    '{count, plural, one {Here is what happened since your last summary.} other {Here are the # things that happened since your last summary.}}',
  'mail.digest.item': '{title}: {body}',
  'mail.digest.open': 'Open: {title}',
  'mail.digest.why':
    'You got this email because you chose a daily summary instead of one email per update ({email}). Change this on your account page: {settingsUrl}',
  'mail.rosterInvite.subject': 'You are invited to {groupName} on Peer Academy',
  'mail.rosterInvite.body':
    '{trainerName} added you to the training group {groupName} on Peer Academy, where you will learn for the California Peer Support Specialist certification.',
  'mail.rosterInvite.start': 'To start, choose a password for your new account:',
  'mail.rosterInvite.button': 'Choose my password',
  'mail.rosterInvite.expiry':
    'The link works once, for {days, plural, one {# day} other {# days}}. If you were not expecting this, you can ignore this message and no account will be used.',
  'mail.rosterInvite.why': 'You got this email because a trainer in Peer Academy imported {email} into a training group.',
  'mail.rosterAdded.subject': 'You were added to {groupName} on Peer Academy',
  'mail.rosterAdded.body': '{trainerName} added your Peer Academy account to the training group {groupName}.',
  'mail.rosterAdded.nothing': 'There is nothing you need to do. Log in as usual to keep learning:',
  'mail.rosterAdded.why': 'You got this email because a trainer in Peer Academy added {email} to a training group.',
};
