// Messages of one area in one language (docs/decisions/029-interface-languages.md).
export default {
  'verify.home.title': 'Check a certificate · Peer Academy',
  'verify.home.description': 'Check a certificate of completion or a digital credential, without an account.',
  'verify.home.invalidNumber':
    'This is not a valid certificate number. A number has 16 letters and digits, like K7QM-3XPA-9F2D-H8TC. Please check each character.',
  'verify.home.numberRequired': 'Type the certificate number.',
  'verify.home.credentialTooLong': 'That is much longer than a credential from this site.',
  'verify.home.fileTooLarge': 'That file is much larger than a credential from this site.',
  'verify.home.credentialRequired': 'Paste the credential, or choose its file.',
  'verify.throttledHour': 'There have been many checks from your network. Please wait an hour and try again.',
  'verify.throttledMinute': 'There have been many checks from your network. Please wait a minute and try again.',
  'verify.problem.unreadable':
    'We could not read this as a credential. Paste the whole text of the .jwt file: three long parts separated by dots.',
  'verify.problem.notOurs':
    'This credential was not issued by this site, so we cannot check it here. Check it with the site that issued it.',
  'verify.problem.signature':
    'Not valid: the signature does not match. The credential was changed after it was issued, or it was not signed by this site. Do not rely on it.',
  'verify.check.valid': 'This credential is valid',
  'verify.check.notValid': 'This credential is not valid',
  'verify.check.signature': 'Signature: valid. It was signed by {issuer} with this site’s key.',
  'verify.check.thisSite': 'this site',
  'verify.check.statusUnknown': 'Status: unknown: it does not name this site’s status list.',
  'verify.check.statusRevoked': 'Status: revoked. It is no longer valid.',
  'verify.check.statusNotRevoked': 'Status: not revoked.',
  'verify.check.expired': 'Expiry: expired on {date}.',
  'verify.check.validUntil': 'Expiry: valid until {date}.',
  'verify.check.noExpiry': 'Expiry: it does not expire.',
  'verify.check.name': 'Name',
  'verify.check.achievement': 'Achievement',
  'verify.check.details': 'Details',
  'verify.check.issued': 'Issued',
  'verify.check.seeCertificate': 'See certificate {number}',
  'verify.home.heading': 'Check a certificate',
  'verify.home.intro':
    'Check a certificate of completion from {program}. You do not need an account. We show whether it is valid, with the name, course, hours and dates it states.',
  'verify.home.byNumber': 'By certificate number',
  'verify.home.numberLabel': 'Certificate number',
  'verify.home.numberHint': 'Printed on the certificate under the QR code, like K7QM-3XPA-9F2D-H8TC.',
  'verify.home.checkNumber': 'Check the number',
  'verify.home.byCredential': 'By Open Badges credential',
  'verify.home.credentialIntro':
    'A digital credential (a .jwt file) from this site holds the same certificate, signed. We check its signature, who issued it, whether it has expired and whether it was revoked.',
  'verify.home.pasteLabel': 'Paste the credential',
  'verify.home.fileLabel': 'Or choose the credential file',
  'verify.home.checkCredential': 'Check the credential',
  'verify.number.description': 'Check whether a Peer Academy certificate of completion is valid.',
  'verify.number.malformed':
    '“{typed}” is not a valid certificate number. A number has 16 letters and digits in four groups, like K7QM-3XPA-9F2D-H8TC. Please check each character against the certificate.',
  'verify.number.unknown':
    'We have no certificate with the number {number}. If you copied it from a certificate, please check each character, or ask the person to send the certificate again.',
  'verify.number.valid': '<strong>Valid.</strong> This certificate was issued by this training program and has not been revoked.',
  'verify.number.replaced':
    '<strong>Replaced.</strong> This certificate was replaced by a newer one on {date}. It is no longer valid; ask the person for their current certificate.',
  'verify.number.revoked': '<strong>Revoked.</strong> This certificate was revoked on {date}. It is no longer valid.',
  'verify.number.another': 'Check another certificate or an Open Badges credential',
};
