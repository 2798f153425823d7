// Messages of one area in one language (docs/decisions/029-interface-languages.md).
export default {
  'verify.home.title': 'Verificar un certificado · Peer Academy',
  'verify.home.description': 'Verifique un certificado de finalización o una credencial digital, sin necesidad de una cuenta.',
  'verify.home.invalidNumber':
    'Este no es un número de certificado válido. Un número tiene 16 letras y dígitos, como K7QM-3XPA-9F2D-H8TC. Por favor, revise cada carácter.',
  'verify.home.numberRequired': 'Escriba el número del certificado.',
  'verify.home.credentialTooLong': 'Eso es mucho más largo que una credencial de este sitio.',
  'verify.home.fileTooLarge': 'Ese archivo es mucho más grande que una credencial de este sitio.',
  'verify.home.credentialRequired': 'Pegue la credencial o elija su archivo.',
  'verify.throttledHour': 'Hubo muchas verificaciones desde su red. Por favor, espere una hora y vuelva a intentarlo.',
  'verify.throttledMinute': 'Hubo muchas verificaciones desde su red. Por favor, espere un minuto y vuelva a intentarlo.',
  'verify.problem.unreadable':
    'No pudimos leer esto como una credencial. Pegue el texto completo del archivo .jwt: tres partes largas separadas por puntos.',
  'verify.problem.notOurs':
    'Esta credencial no fue emitida por este sitio, así que no podemos verificarla aquí. Verifíquela con el sitio que la emitió.',
  'verify.problem.signature':
    'No es válida: la firma no coincide. La credencial se modificó después de emitirse, o no fue firmada por este sitio. No confíe en ella.',
  'verify.check.valid': 'Esta credencial es válida',
  'verify.check.notValid': 'Esta credencial no es válida',
  'verify.check.signature': 'Firma: válida. Fue firmada por {issuer} con la clave de este sitio.',
  'verify.check.thisSite': 'este sitio',
  'verify.check.statusUnknown': 'Estado: desconocido: no indica la lista de estado de este sitio.',
  'verify.check.statusRevoked': 'Estado: revocada. Ya no es válida.',
  'verify.check.statusNotRevoked': 'Estado: no revocada.',
  'verify.check.expired': 'Vencimiento: venció el {date}.',
  'verify.check.validUntil': 'Vencimiento: válida hasta el {date}.',
  'verify.check.noExpiry': 'Vencimiento: no vence.',
  'verify.check.name': 'Nombre',
  'verify.check.achievement': 'Logro',
  'verify.check.details': 'Detalles',
  'verify.check.issued': 'Emitida',
  'verify.check.seeCertificate': 'Ver el certificado {number}',
  'verify.home.heading': 'Verificar un certificado',
  'verify.home.intro':
    'Verifique un certificado de finalización de {program}. No necesita una cuenta. Le mostramos si es válido, con el nombre, el curso, las horas y las fechas que indica.',
  'verify.home.byNumber': 'Por número de certificado',
  'verify.home.numberLabel': 'Número de certificado',
  'verify.home.numberHint': 'Está impreso en el certificado debajo del código QR, como K7QM-3XPA-9F2D-H8TC.',
  'verify.home.checkNumber': 'Verificar el número',
  'verify.home.byCredential': 'Por credencial Open Badges',
  'verify.home.credentialIntro':
    'Una credencial digital (un archivo .jwt) de este sitio contiene el mismo certificado, firmado. Verificamos su firma, quién la emitió, si venció y si fue revocada.',
  'verify.home.pasteLabel': 'Pegue la credencial',
  'verify.home.fileLabel': 'O elija el archivo de la credencial',
  'verify.home.checkCredential': 'Verificar la credencial',
  'verify.number.description': 'Verifique si un certificado de finalización de Peer Academy es válido.',
  'verify.number.malformed':
    '“{typed}” no es un número de certificado válido. Un número tiene 16 letras y dígitos en cuatro grupos, como K7QM-3XPA-9F2D-H8TC. Por favor, compare cada carácter con el certificado.',
  'verify.number.unknown':
    'No tenemos ningún certificado con el número {number}. Si lo copió de un certificado, por favor revise cada carácter, o pida a la persona que le envíe el certificado de nuevo.',
  'verify.number.valid':
    '<strong>Válido.</strong> Este certificado fue emitido por este programa de capacitación y no ha sido revocado.',
  'verify.number.replaced':
    '<strong>Reemplazado.</strong> Este certificado fue reemplazado por uno más reciente el {date}. Ya no es válido; pida a la persona su certificado actual.',
  'verify.number.revoked': '<strong>Revocado.</strong> Este certificado fue revocado el {date}. Ya no es válido.',
  'verify.number.another': 'Verificar otro certificado o una credencial Open Badges',
};
