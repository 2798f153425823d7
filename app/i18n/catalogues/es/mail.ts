// Messages of one area in one language (docs/decisions/029-interface-languages.md).
export default {
  'mail.buttonFallback': 'Si el botón no funciona, copie esta dirección en su navegador:',
  'mail.greeting': 'Hola, {name}:',
  'mail.verify.subject': 'Confirme su correo electrónico para Peer Academy',
  'mail.verify.body':
    'Por favor, confirme que esta es su dirección de correo electrónico. Mientras tanto, puede seguir aprendiendo.',
  'mail.verify.button': 'Confirmar mi correo electrónico',
  'mail.verify.expiry':
    'El enlace funciona durante {days, plural, one {# día} other {# días}}. Si usted no creó una cuenta en Peer Academy, puede ignorar este mensaje.',
  'mail.verify.why': 'Recibió este correo porque alguien creó una cuenta de Peer Academy con {email}.',
  'mail.reset.subject': 'Restablezca su contraseña de Peer Academy',
  'mail.reset.body':
    'Alguien pidió restablecer la contraseña de su cuenta de Peer Academy. Si fue usted, elija una contraseña nueva aquí:',
  'mail.reset.button': 'Elegir una contraseña nueva',
  'mail.reset.expiry':
    'El enlace funciona una sola vez, durante {minutes} minutos. Si usted no lo pidió, puede ignorar este mensaje: su contraseña no cambia.',
  'mail.reset.why': 'Recibió este correo porque se pidió restablecer la contraseña de la cuenta de Peer Academy de {email}.',
  'mail.trainerReset.subject': 'Su capacitador(a) le envió un enlace para restablecer su contraseña de Peer Academy',
  'mail.trainerReset.body':
    'Su capacitador(a), {trainerName}, pidió a Peer Academy que le enviara un enlace para elegir una contraseña nueva.',
  'mail.trainerReset.expiry':
    'El enlace funciona una sola vez, durante {minutes} minutos. Su capacitador(a) no puede ver ni poner su contraseña. Si no lo necesitaba, puede ignorar este mensaje.',
  'mail.trainerReset.why':
    'Recibió este correo porque su capacitador(a) de un grupo de Peer Academy envió un enlace para restablecer la contraseña a {email}.',
  'mail.changed.subject': 'Se cambió su contraseña de Peer Academy',
  'mail.changed.body':
    'Se acaba de cambiar la contraseña de su cuenta de Peer Academy, y se cerraron todas las sesiones abiertas.',
  'mail.changed.ifNotYou': 'Si fue usted, no tiene que hacer nada más. Si no fue usted, restablezca su contraseña ahora:',
  'mail.resetMyPassword': 'Restablecer mi contraseña',
  'mail.changed.why': 'Recibió este correo porque se cambió la contraseña de la cuenta de Peer Academy de {email}.',
  'mail.signupExisting.subject': 'Alguien intentó crear una cuenta de Peer Academy con su correo electrónico',
  'mail.signupExisting.body':
    'Alguien acaba de intentar crear una cuenta nueva de Peer Academy con su correo electrónico. Usted ya tiene una cuenta, así que no se creó ninguna nueva.',
  'mail.signupExisting.ifYou': 'Si fue usted, inicie sesión con la cuenta que ya tiene:',
  'mail.login': 'Iniciar sesión',
  'mail.signupExisting.forgot': 'Si no recuerda su contraseña, restablézcala:',
  'mail.signupExisting.ifNotYou': 'Si no fue usted, puede ignorar este mensaje. Nada de su cuenta ha cambiado.',
  'mail.signupExisting.why': 'Recibió este correo porque alguien intentó registrarse en Peer Academy con {email}.',
  'mail.emailChange.subject': 'Confirme su nuevo correo electrónico para Peer Academy',
  'mail.emailChange.body':
    'Usted pidió usar esta dirección para su cuenta de Peer Academy. Su correo electrónico solo cambia cuando siga este enlace:',
  'mail.emailChange.button': 'Usar este correo electrónico',
  'mail.emailChange.expiry':
    'El enlace funciona una sola vez, durante {hours} horas. Si usted no lo pidió, ignore este mensaje: nada cambia.',
  'mail.emailChange.why': 'Recibió este correo porque alguien pidió pasar una cuenta de Peer Academy a {email}.',
  'mail.emailChangeNotice.subject': 'Alguien pidió cambiar el correo electrónico de su cuenta de Peer Academy',
  'mail.emailChangeNotice.body':
    'Alguien con la sesión abierta en su cuenta de Peer Academy pidió cambiar su correo electrónico a {newEmail}. Enviamos un enlace de confirmación a esa dirección; nada cambia a menos que se siga ese enlace.',
  'mail.emailChangeNotice.why':
    'Recibió este correo porque es la dirección de una cuenta de Peer Academy ({email}) cuyo correo electrónico podría cambiar.',
  'mail.emailChanged.subject': 'Se cambió el correo electrónico de su cuenta de Peer Academy',
  'mail.emailChanged.body': 'Su cuenta de Peer Academy ahora usa {newEmail}. Esta dirección ya no recibirá correos de nosotros.',
  'mail.emailChanged.ifNotYou':
    'Si no fue usted, restablezca su contraseña desde la dirección nueva o pida ayuda a su capacitador(a):',
  'mail.emailChanged.why': 'Recibió este correo porque {email} era la dirección de una cuenta de Peer Academy hasta ahora.',
  'mail.notification.open': 'Abrir Peer Academy',
  'mail.notification.why':
    'Recibió este correo porque {kind, select, result {pidió recibir un correo cuando se le entregue el resultado de un examen de práctica} announcement {pidió recibir un correo cuando un(a) capacitador(a) de su grupo publique un anuncio} certificate {pidió recibir un correo cuando se le emita un certificado} other {así lo indica su configuración de avisos}} ({email}). Puede cambiarlo en la página de su cuenta: {settingsUrl}',
  'mail.digest.subject': 'Su resumen diario de Peer Academy: {count, plural, one {# novedad} other {# novedades}}',
  'mail.digest.intro':
    '{count, plural, one {Esto es lo que pasó desde su último resumen.} other {Estas son las # cosas que pasaron desde su último resumen.}}',
  'mail.digest.item': '{title}: {body}',
  'mail.digest.open': 'Abrir: {title}',
  'mail.digest.why':
    'Recibió este correo porque eligió un resumen diario en lugar de un correo por cada novedad ({email}). Puede cambiarlo en la página de su cuenta: {settingsUrl}',
  'mail.rosterInvite.subject': 'Le invitamos a {groupName} en Peer Academy',
  'mail.rosterInvite.body':
    '{trainerName} le agregó al grupo de capacitación {groupName} en Peer Academy, donde se preparará para la certificación de especialista en apoyo entre pares de California.',
  'mail.rosterInvite.start': 'Para empezar, elija una contraseña para su nueva cuenta:',
  'mail.rosterInvite.button': 'Elegir mi contraseña',
  'mail.rosterInvite.expiry':
    'El enlace funciona una sola vez, durante {days, plural, one {# día} other {# días}}. Si no lo esperaba, puede ignorar este mensaje y no se usará ninguna cuenta.',
  'mail.rosterInvite.why':
    'Recibió este correo porque un(a) capacitador(a) de Peer Academy agregó {email} a un grupo de capacitación.',
  'mail.rosterAdded.subject': 'Le agregaron a {groupName} en Peer Academy',
  'mail.rosterAdded.body': '{trainerName} agregó su cuenta de Peer Academy al grupo de capacitación {groupName}.',
  'mail.rosterAdded.nothing': 'No tiene que hacer nada. Inicie sesión como siempre para seguir aprendiendo:',
  'mail.rosterAdded.why':
    'Recibió este correo porque un(a) capacitador(a) de Peer Academy agregó {email} a un grupo de capacitación.',
};
