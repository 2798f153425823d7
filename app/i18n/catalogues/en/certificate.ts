// Messages of one area in one language (docs/decisions/029-interface-languages.md).
export default {
  'certificate.notice.ready': 'Your certificate of completion is ready',
  'certificate.notice.reissued': 'Your certificate was reissued',
  'certificate.notice.body': '{course}: certificate number {number}. You can download it from the course page.',
  'certificate.pdf.title': 'Certificate of completion: {course}, {name}',
  'certificate.pdf.heading': 'Certificate of Completion',
  'certificate.pdf.certifies': 'This certifies that',
  'certificate.pdf.completed': 'has completed the training',
  'certificate.pdf.hours': '{total} of training: {live} live and {selfPaced} self-paced.',
  'certificate.pdf.dates': 'Training dates: {dates}. Completed on {completed}.',
  'certificate.pdf.range': '{from} to {to}',
  'certificate.pdf.competencies': 'Competencies covered: {list}.',
  'certificate.pdf.provider': 'Training provider: {name}',
  'certificate.pdf.qr': 'QR code for {url}',
  'certificate.pdf.number': 'Certificate number {number}',
  'certificate.pdf.check': 'Check it at {url}',
  'certificate.pdf.issued': 'Issued on {date}',
  'certificate.duration.hours': '{count, plural, one {# hour} other {# hours}}',
  'certificate.duration.minutes': '{count, plural, one {# minute} other {# minutes}}',
  'certificate.download.replaced':
    'This certificate was replaced by a new one on {date}. Download the new one from your course page.',
  'certificate.download.revoked': 'This certificate was revoked on {date}, so it can no longer be downloaded.',
};
