// Messages of one area in one language (docs/decisions/029-interface-languages.md).
export default {
  'certificate.notice.ready': 'Su certificado de finalización está listo',
  'certificate.notice.reissued': 'Se volvió a emitir su certificado',
  'certificate.notice.body': '{course}: certificado número {number}. Puede descargarlo desde la página del curso.',
  'certificate.pdf.title': 'Certificado de finalización: {course}, {name}',
  'certificate.pdf.heading': 'Certificado de finalización',
  'certificate.pdf.certifies': 'Se certifica que',
  'certificate.pdf.completed': 'completó la capacitación',
  'certificate.pdf.hours': '{total} de capacitación: {live} en vivo y {selfPaced} a su propio ritmo.',
  'certificate.pdf.dates': 'Fechas de la capacitación: {dates}. Terminada el {completed}.',
  'certificate.pdf.range': 'del {from} al {to}',
  'certificate.pdf.competencies': 'Competencias cubiertas: {list}.',
  'certificate.pdf.provider': 'Proveedor de la capacitación: {name}',
  'certificate.pdf.qr': 'Código QR de {url}',
  'certificate.pdf.number': 'Certificado número {number}',
  'certificate.pdf.check': 'Verifíquelo en {url}',
  'certificate.pdf.issued': 'Emitido el {date}',
  'certificate.duration.hours': '{count, plural, one {# hora} other {# horas}}',
  'certificate.duration.minutes': '{count, plural, one {# minuto} other {# minutos}}',
  'certificate.download.replaced':
    'Este certificado se reemplazó por uno nuevo el {date}. Descargue el nuevo desde la página de su curso.',
  'certificate.download.revoked': 'Este certificado se revocó el {date}, así que ya no se puede descargar.',
};
