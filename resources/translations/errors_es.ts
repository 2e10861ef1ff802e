<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>Errors</name>
    <message>
        <source>This laptop already holds an agency.</source>
        <translation>Este portátil ya tiene una agencia.</translation>
    </message>
    <message>
        <source>This laptop has no agency yet: create it, or join it from an enrolment bundle.</source>
        <translation>Este portátil aún no tiene agencia: créela o únase a ella con un paquete de alta.</translation>
    </message>
    <message>
        <source>The agency details are not valid: check the name, and give each contact a phone number or an email address.</source>
        <translation>Los datos de la agencia no son válidos: revise el nombre e indique para cada contacto un teléfono o un correo.</translation>
    </message>
    <message>
        <source>This report file from a member agency cannot be combined: {reason}. Nothing was added.</source>
        <translation>Este archivo de informe de una agencia miembro no se puede combinar: {reason}. No se añadió nada.</translation>
    </message>
    <message>
        <source>This data folder is already set up.</source>
        <translation>Esta carpeta de datos ya está configurada.</translation>
    </message>
    <message>
        <source>Field Intake is already open for this data folder. Switch to that window.</source>
        <translation>Field Intake ya está abierto para esta carpeta de datos. Cambie a esa ventana.</translation>
    </message>
    <message>
        <source>The audit log is broken at entry {seq}.</source>
        <translation>El registro de auditoría está roto en la entrada {seq}.</translation>
    </message>
    <message>
        <source>This file is not a usable agency card: it is damaged, was changed after it was made, or is not a card. Ask the partner to send it again.</source>
        <translation>Este archivo no es una tarjeta de agencia utilizable: está dañado, se modificó después de crearse o no es una tarjeta. Pida a la agencia asociada que la envíe de nuevo.</translation>
    </message>
    <message>
        <source>The key given does not belong to this key file.</source>
        <translation>La clave indicada no pertenece al archivo de claves de este portátil.</translation>
    </message>
    <message>
        <source>The encrypted database is damaged. Nothing was changed; restore from a backup.</source>
        <translation>La base de datos cifrada está dañada. No se cambió nada; restáurela desde una copia de seguridad.</translation>
    </message>
    <message>
        <source>The key file does not open this database: they belong to different set-ups.</source>
        <translation>El archivo de claves no abre esta base de datos: pertenecen a instalaciones distintas.</translation>
    </message>
    <message>
        <source>This laptop&apos;s key file is here but its database is missing or empty. Nothing was created; restore the data folder from a backup.</source>
        <translation>El archivo de claves de este portátil está aquí, pero su base de datos falta o está vacía. No se creó nada; restaure la carpeta de datos desde una copia de seguridad.</translation>
    </message>
    <message>
        <source>This database was written by a newer version of Field Intake. Update the app; nothing was changed.</source>
        <translation>Esta base de datos la escribió una versión más reciente de Field Intake. Actualice la aplicación; no se cambió nada.</translation>
    </message>
    <message>
        <source>This laptop&apos;s device certificate was refused. Ask your administrator to enrol the laptop again.</source>
        <translation>El certificado de dispositivo de este portátil fue rechazado. Pida a su administrador que vuelva a dar de alta el portátil.</translation>
    </message>
    <message>
        <source>The disk is full. What was saved before is safe; free some space and try again.</source>
        <translation>El disco está lleno. Lo guardado antes está a salvo; libere espacio y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>This file is not a usable enrolment bundle. Nothing was written; ask your administrator for a new one.</source>
        <translation>Este archivo no es un paquete de alta utilizable. No se escribió nada; pida uno nuevo a su administrador.</translation>
    </message>
    <message>
        <source>This laptop already belongs to another agency. Nothing was changed.</source>
        <translation>Este portátil ya pertenece a otra agencia. No se cambió nada.</translation>
    </message>
    <message>
        <source>That passphrase does not open this enrolment bundle. Nothing was written.</source>
        <translation>Esa frase de contraseña no abre este paquete de alta. No se escribió nada.</translation>
    </message>
    <message>
        <source>The share could not be sealed for the partner. Nothing was sent.</source>
        <translation>No se pudo sellar el envío para la agencia asociada. No se envió nada.</translation>
    </message>
    <message>
        <source>A received item was refused: it is damaged, was changed on the way, or is not meant for this agency. Nothing was applied.</source>
        <translation>Se rechazó un elemento recibido: está dañado, fue modificado en el camino o no es para esta agencia. No se aplicó nada.</translation>
    </message>
    <message>
        <source>Something went wrong. Nothing you saved was lost; try again.</source>
        <translation>Algo salió mal. No se perdió nada de lo guardado; vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>That file cannot be used: {problem}.</source>
        <translation>Ese archivo no se puede usar: {problem}.</translation>
    </message>
    <message>
        <source>Another Field Intake is changing this laptop&apos;s keys right now. Nothing was changed; try again in a moment.</source>
        <translation>Otro Field Intake está cambiando ahora las claves de este portátil. No se cambió nada; vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>The agency keys stored on this laptop cannot be read. Restore from a backup.</source>
        <translation>No se pueden leer las claves de la agencia guardadas en este portátil. Restáurelas desde una copia de seguridad.</translation>
    </message>
    <message>
        <source>Please check what you typed: {field} ({reason}).</source>
        <translation>Revise lo que escribió: {field} ({reason}).</translation>
    </message>
    <message>
        <source>The key file is damaged. Restore it from a backup; the database is untouched.</source>
        <translation>El archivo de claves está dañado. Restáurelo desde una copia de seguridad; la base de datos está intacta.</translation>
    </message>
    <message>
        <source>This data folder has not been set up yet.</source>
        <translation>Esta carpeta de datos todavía no está configurada.</translation>
    </message>
    <message>
        <source>Another Field Intake program changed this laptop&apos;s keys, and this window cannot follow. Lock and unlock again; nothing saved was lost.</source>
        <translation>Otro programa de Field Intake cambió las claves de este portátil y esta ventana no puede seguir. Bloquee y vuelva a desbloquear; no se perdió nada de lo guardado.</translation>
    </message>
    <message>
        <source>The last user cannot be removed: nobody could unlock the data.</source>
        <translation>No se puede eliminar al último usuario: nadie podría desbloquear los datos.</translation>
    </message>
    <message>
        <source>The app is locked. Unlock it to continue.</source>
        <translation>La aplicación está bloqueada. Desbloquéela para continuar.</translation>
    </message>
    <message>
        <source>No consent in force lets this case be shared with that partner for that purpose. Nothing was sent.</source>
        <translation>Ningún consentimiento vigente permite compartir este caso con esa agencia para ese fin. No se envió nada.</translation>
    </message>
    <message>
        <source>There is no key rotation in progress.</source>
        <translation>No hay ninguna rotación de claves en curso.</translation>
    </message>
    <message>
        <source>That item is not a referral waiting for an answer.</source>
        <translation>Ese elemento no es una derivación que espera respuesta.</translation>
    </message>
    <message>
        <source>This screen is not available in this build yet.</source>
        <translation>Esta pantalla todavía no está disponible en esta versión.</translation>
    </message>
    <message>
        <source>That record no longer exists. It may have been deleted.</source>
        <translation>Ese registro ya no existe. Puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>Your role cannot do this. Ask an administrator of this laptop.</source>
        <translation>Su función no permite hacer esto. Pídaselo a quien administra este portátil.</translation>
    </message>
    <message>
        <source>The consent covers nothing recorded in this case yet. Nothing was sent.</source>
        <translation>El consentimiento no cubre nada de lo registrado en este caso todavía. No se envió nada.</translation>
    </message>
    <message>
        <source>That card is this agency&apos;s own card, not a partner&apos;s.</source>
        <translation>Esa tarjeta es la de esta misma agencia, no la de una agencia asociada.</translation>
    </message>
    <message>
        <source>That partner agency is not confirmed yet: compare its fingerprint words by phone and confirm it first.</source>
        <translation>Esa agencia asociada aún no está confirmada: compare por teléfono las palabras de su huella y confírmela primero.</translation>
    </message>
    <message>
        <source>That period is not valid. Write it as 2026Q3, 2026-07, 2026 or 2026-07-01..2026-09-30.</source>
        <translation>Ese periodo no es válido. Escríbalo como 2026Q3, 2026-07, 2026 o 2026-07-01..2026-09-30.</translation>
    </message>
    <message>
        <source>The policy setting {field} is out of range. Nothing was signed.</source>
        <translation>El ajuste de política {field} está fuera de rango. No se firmó nada.</translation>
    </message>
    <message>
        <source>This interview protocol cannot be used: {where}: {problem}.</source>
        <translation>Este protocolo de entrevista no se puede usar: {where}: {problem}.</translation>
    </message>
    <message>
        <source>A key rotation is in progress; finish or abort it first.</source>
        <translation>Hay una rotación de claves en curso; termínela o cancélela primero.</translation>
    </message>
    <message>
        <source>The relay was asked to acknowledge items it never delivered.</source>
        <translation>Se pidió al relé confirmar elementos que nunca entregó.</translation>
    </message>
    <message>
        <source>This agency is already registered at the relay with another signing key.</source>
        <translation>Esta agencia ya está registrada en el relé con otra clave de firma.</translation>
    </message>
    <message>
        <source>The relay refused this laptop&apos;s signature ({reason}).</source>
        <translation>El relé rechazó la firma de este portátil ({reason}).</translation>
    </message>
    <message>
        <source>The relay&apos;s store address is not supported: use sqlite:///path or postgresql://...</source>
        <translation>La dirección del almacén del relé no es compatible: use sqlite:///ruta o postgresql://...</translation>
    </message>
    <message>
        <source>This laptop is registered at the relay with another key, or was revoked.</source>
        <translation>Este portátil está registrado en el relé con otra clave, o fue revocado.</translation>
    </message>
    <message>
        <source>This laptop has been revoked at the relay. Ask your administrator.</source>
        <translation>Este portátil fue revocado en el relé. Consulte a su administrador.</translation>
    </message>
    <message>
        <source>The relay&apos;s store was written by a newer relay. Update the relay; nothing was changed.</source>
        <translation>El almacén del relé lo escribió un relé más nuevo. Actualice el relé; no se cambió nada.</translation>
    </message>
    <message>
        <source>This agency is not registered at the relay.</source>
        <translation>Esta agencia no está registrada en el relé.</translation>
    </message>
    <message>
        <source>This laptop is not registered at the relay. Ask your administrator to enrol it.</source>
        <translation>Este portátil no está registrado en el relé. Pida a su administrador que lo dé de alta.</translation>
    </message>
    <message>
        <source>No policy has been signed on this laptop yet.</source>
        <translation>Aún no se ha firmado ninguna política en este portátil.</translation>
    </message>
    <message>
        <source>Refused: this file is not a readable agency profile. Nothing was changed on this laptop.</source>
        <translation>Rechazado: este archivo no es un perfil de agencia legible. No se cambió nada en este portátil.</translation>
    </message>
    <message>
        <source>Refused: this profile is not signed. Nothing was changed on this laptop.</source>
        <translation>Rechazado: este perfil no está firmado. No se cambió nada en este portátil.</translation>
    </message>
    <message>
        <source>Refused: this profile is older than the one in force here. Nothing was changed on this laptop.</source>
        <translation>Rechazado: este perfil es más antiguo que el que está en vigor aquí. No se cambió nada en este portátil.</translation>
    </message>
    <message>
        <source>Refused: this profile is the same version as the one in force here. Nothing was changed on this laptop.</source>
        <translation>Rechazado: este perfil es la misma versión que la que está en vigor aquí. No se cambió nada en este portátil.</translation>
    </message>
    <message>
        <source>Refused: this profile was changed after it was signed. Nothing was changed on this laptop. Ask your administrator for the original file.</source>
        <translation>Rechazado: este perfil se modificó después de firmarse. No se cambió nada en este portátil. Pida el archivo original a su administrador.</translation>
    </message>
    <message>
        <source>Refused: this profile was signed by a different agency. Nothing was changed on this laptop.</source>
        <translation>Rechazado: este perfil lo firmó otra agencia. No se cambió nada en este portátil.</translation>
    </message>
    <message>
        <source>This laptop has no agency yet, so a profile cannot be checked. Create the agency or join it first.</source>
        <translation>Este portátil aún no tiene agencia, así que no se puede comprobar un perfil. Primero cree la agencia o únase a ella.</translation>
    </message>
    <message>
        <source>The connection to the relay or folder failed. Everything stays queued.</source>
        <translation>Falló la conexión con el relé o la carpeta. Todo queda en espera.</translation>
    </message>
    <message>
        <source>The relay asks to slow down. Sharing tries again in {retry_after} seconds.</source>
        <translation>El relé pide ir más despacio. Se volverá a intentar en {retry_after} segundos.</translation>
    </message>
    <message>
        <source>The relay or folder refused this laptop ({reason}).</source>
        <translation>El relé o la carpeta rechazó esta computadora ({reason}).</translation>
    </message>
    <message>
        <source>The relay or folder cannot be reached right now. Everything stays queued.</source>
        <translation>No se puede llegar al relé ni a la carpeta ahora. Todo queda en espera.</translation>
    </message>
    <message>
        <source>There is no user named {user} on this laptop.</source>
        <translation>No hay ningún usuario llamado {user} en este portátil.</translation>
    </message>
    <message>
        <source>Too many failed attempts. You can try again in {seconds} seconds.</source>
        <translation>Demasiados intentos fallidos. Puede volver a intentarlo en {seconds} segundos.</translation>
    </message>
    <message>
        <source>A user named {user} already exists.</source>
        <translation>Ya existe un usuario llamado {user}.</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least {minimum} characters.</source>
        <translation>Elija una frase de contraseña de al menos {minimum} caracteres.</translation>
    </message>
    <message>
        <source>That user name and passphrase do not unlock this laptop&apos;s data. Check the keyboard layout and Caps Lock.</source>
        <translation>Ese usuario y esa frase de contraseña no desbloquean los datos de este portátil. Revise la distribución del teclado y el Bloq Mayús.</translation>
    </message>
    <message>
        <source>That recovery code does not match this laptop&apos;s data.</source>
        <translation>Ese código de recuperación no corresponde a los datos de este portátil.</translation>
    </message>
    <message>
        <source>The relay address must start with https:// (http:// only to this same machine), or be left empty to share by USB stick only.</source>
        <translation>La dirección del relé debe empezar por https:// (http:// solo hacia esta misma máquina), o quedar vacía para compartir solo por memoria USB.</translation>
    </message>
    <message>
        <source>Tick at least one interview guide.</source>
        <translation>Marque al menos una guía de entrevista.</translation>
    </message>
    <message>
        <source>That passphrase is one of the most common ones and would be guessed at once. Try four or more unrelated words.</source>
        <translation>Esa frase de contraseña es de las más comunes y se adivinaría enseguida. Pruebe con cuatro o más palabras sin relación entre sí.</translation>
    </message>
    <message>
        <source>That passphrase is too easy to guess (a word with small changes, a name, a date, or your user name in it). Try four or more unrelated words.</source>
        <translation>Esa frase de contraseña es demasiado fácil de adivinar (una palabra con pequeños cambios, un nombre, una fecha o su nombre de usuario dentro). Pruebe con cuatro o más palabras sin relación entre sí.</translation>
    </message>
    <message>
        <source>That guardian is on this person&apos;s list of people not to contact or tell, so they cannot give consent for the person. Nothing was recorded.</source>
        <translation>Esa persona tutora está en la lista de personas a las que no se debe contactar ni informar, así que no puede dar el consentimiento por la persona. No se registró nada.</translation>
    </message>
    <message>
        <source>The person asked that nothing about them ever goes to that agency. Nothing was sent.</source>
        <translation>La persona pidió que nada sobre ella llegue nunca a esa agencia. No se envió nada.</translation>
    </message>
    <message>
        <source>The person asked that nothing about them ever goes to that agency, so a consent for it cannot be recorded. Nothing was recorded.</source>
        <translation>La persona pidió que nada sobre ella llegue nunca a esa agencia, así que no se puede registrar un consentimiento para ella. No se registró nada.</translation>
    </message>
    <message>
        <source>That export format is not offered here.</source>
        <translation>Ese formato de exportación no se ofrece aquí.</translation>
    </message>
    <message>
        <source>There is no such report: choose grant, task_force or consents.</source>
        <translation>No existe ese informe: elija grant, task_force o consents.</translation>
    </message>
    <message>
        <source>The end date is later than the agency allows a consent to last (at most {days} days). Choose an earlier end date. Nothing was recorded.</source>
        <translation>La fecha de fin es posterior a lo que la agencia permite que dure un consentimiento (como mucho {days} días). Elija una fecha anterior. No se registró nada.</translation>
    </message>
    <message>
        <source>The start of the encrypted database is damaged, so it cannot be opened (the passphrase is right). Nothing was changed; restore from a backup.</source>
        <translation>El comienzo de la base de datos cifrada está dañado y no se puede abrir (la frase de contraseña es correcta). No se cambió nada; restáurela desde una copia de seguridad.</translation>
    </message>
    <message>
        <source>Only an administrator or a supervisor of the backed-up laptop (or its recovery code) can check or restore a backup.</source>
        <translation>Solo un administrador o un supervisor del portátil respaldado (o su código de recuperación) puede comprobar o restaurar una copia de seguridad.</translation>
    </message>
    <message>
        <source>This file is not a usable Field Intake backup: it is damaged, incomplete or not a backup. Nothing was changed.</source>
        <translation>Este archivo no es una copia de seguridad utilizable de Field Intake: está dañado, incompleto o no es una copia de seguridad. No se cambió nada.</translation>
    </message>
    <message>
        <source>Only an administrator&apos;s laptop can do this: it needs the agency&apos;s signing key, which this laptop does not hold.</source>
        <translation>Solo el portátil de un administrador puede hacer esto: necesita la clave de firma de la agencia, que este portátil no tiene.</translation>
    </message>
    <message>
        <source>This laptop&apos;s enrolment was already used by another laptop. Ask your administrator for a new enrolment bundle.</source>
        <translation>La inscripción de este portátil ya la usó otro portátil. Pida a su administrador un nuevo paquete de inscripción.</translation>
    </message>
    <message>
        <source>Changes from another laptop of your agency were refused: they are damaged.</source>
        <translation>Se rechazaron cambios de otro portátil de su agencia: están dañados.</translation>
    </message>
    <message>
        <source>The agency profile file on this laptop was not used; the last policy verified here stays in force. An administrator can import the agency&apos;s profile to replace the file.</source>
        <translation>El archivo del perfil de la agencia de este portátil no se usó; sigue en vigor la última política verificada aquí. Un administrador puede importar el perfil de la agencia para sustituir el archivo.</translation>
    </message>
    <message>
        <source>The agency profile file on this laptop is missing; the last policy verified here stays in force. An administrator can import the agency&apos;s profile to replace the file.</source>
        <translation>Falta el archivo del perfil de la agencia en este portátil; sigue en vigor la última política verificada aquí. Un administrador puede importar el perfil de la agencia para sustituir el archivo.</translation>
    </message>
    <message>
        <source>The agency profile file on this laptop was changed after it was signed; the last policy verified here stays in force. An administrator can import the agency&apos;s profile to replace the file.</source>
        <translation>El archivo del perfil de la agencia de este portátil se modificó después de firmarse; sigue en vigor la última política verificada aquí. Un administrador puede importar el perfil de la agencia para sustituir el archivo.</translation>
    </message>
    <message>
        <source>The agency profile file on this laptop was signed by a different agency; the last policy verified here stays in force. An administrator can import the agency&apos;s profile to replace the file.</source>
        <translation>El archivo del perfil de la agencia de este portátil lo firmó otra agencia; sigue en vigor la última política verificada aquí. Un administrador puede importar el perfil de la agencia para sustituir el archivo.</translation>
    </message>
    <message>
        <source>The agency profile file on this laptop is older than the policy in force; the last policy verified here stays in force. An administrator can import the agency&apos;s profile to replace the file.</source>
        <translation>El archivo del perfil de la agencia de este portátil es más antiguo que la política en vigor; sigue en vigor la última política verificada aquí. Un administrador puede importar el perfil de la agencia para sustituir el archivo.</translation>
    </message>
    <message>
        <source>The backup folder is not there. Connect the USB stick or network share, or choose another folder. Nothing was changed.</source>
        <translation>La carpeta de copias de seguridad no está. Conecte la memoria USB o la carpeta de red, o elija otra carpeta. No se cambió nada.</translation>
    </message>
    <message>
        <source>Field Intake cannot write in the backup folder (it is read-only or belongs to someone else). Nothing was changed; earlier backups there are untouched.</source>
        <translation>Field Intake no puede escribir en la carpeta de copias de seguridad (es de solo lectura o pertenece a otra persona). No se cambió nada; las copias anteriores que hay en ella siguen intactas.</translation>
    </message>
    <message>
        <source>The backup folder has no room for a backup. Nothing was changed; earlier backups there are untouched. Free some space or choose another folder.</source>
        <translation>La carpeta de copias de seguridad no tiene espacio para una copia. No se cambió nada; las copias anteriores que hay en ella siguen intactas. Libere espacio o elija otra carpeta.</translation>
    </message>
    <message>
        <source>No automatic backup is set on this laptop, or the administrator who set it is no longer one. Ask an administrator to set it.</source>
        <translation>No hay ninguna copia de seguridad automática configurada en este portátil, o quien la configuró ya no es administrador. Pida a un administrador que la configure.</translation>
    </message>
    <message>
        <source>The stored backup settings are damaged. Ask an administrator to set them again.</source>
        <translation>Los ajustes de copia de seguridad guardados están dañados. Pida a un administrador que los vuelva a configurar.</translation>
    </message>
    <message>
        <source>This interview is being held on another laptop ({laptop}, {user}). Take it over to continue it here; answers given there since your last sync will show as a second version.</source>
        <translation>Esta entrevista está abierta en otro portátil ({laptop}, {user}). Continúela aquí para seguirla en este; las respuestas dadas allí desde la última sincronización aparecerán como una segunda versión.</translation>
    </message>
    <message>
        <source>This file is larger than your agency allows for an attachment. Scan it at a lower resolution or in parts. Nothing was added.</source>
        <translation>Este archivo es más grande de lo que su agencia permite para un adjunto. Escanéelo con menos resolución o por partes. No se agregó nada.</translation>
    </message>
    <message>
        <source>The file could not be read: it is missing, empty or not yours to read. Nothing was added.</source>
        <translation>No se pudo leer el archivo: no está, está vacío o no tiene permiso para leerlo. No se agregó nada.</translation>
    </message>
    <message>
        <source>This case is under a legal hold: it cannot be deleted until a supervisor lifts the hold.</source>
        <translation>Este caso está en retención legal: no se puede eliminar hasta que un supervisor la levante.</translation>
    </message>
    <message>
        <source>The file was saved in the case, but its original could not be shredded (it is read-only or not yours). Delete it by hand.</source>
        <translation>El archivo se guardó en el caso, pero no se pudo destruir el original (es de solo lectura o no es suyo). Bórrelo a mano.</translation>
    </message>
    <message>
        <source>The interview guide {where} is not installed on this laptop, so this cannot go on. Nothing was changed. An administrator can install it with the agency&apos;s latest profile or the guide&apos;s file.</source>
        <translation>La guía de entrevista {where} no está instalada en este portátil, así que no se puede continuar. No se cambió nada. Un administrador puede instalarla con el perfil más reciente de la agencia o con el archivo de la guía.</translation>
    </message>
    <message>
        <source>A different interview guide {where} is already installed on this laptop. Nothing was changed. A changed guide needs a new version number.</source>
        <translation>En este portátil ya hay instalada otra guía de entrevista {where} distinta. No se cambió nada. Una guía modificada necesita un número de versión nuevo.</translation>
    </message>
    <message>
        <source>The agency profile file on this laptop enables an interview guide it does not carry and this laptop does not have; the last policy verified here stays in force. An administrator can sign the profile again with the guide in it.</source>
        <translation>El archivo del perfil de la agencia de este portátil activa una guía de entrevista que no incluye y que este portátil no tiene; sigue en vigor la última política verificada aquí. Un administrador puede firmar el perfil de nuevo con la guía incluida.</translation>
    </message>
    <message>
        <source>This spreadsheet cannot be used as a protocol (sheet and row: {where}): {problem}.</source>
        <translation>Esta hoja de cálculo no se puede usar como protocolo (hoja y fila: {where}): {problem}.</translation>
    </message>
    <message>
        <source>No partner agency has sent its reports for this period to this agency yet, so there is nothing to combine.</source>
        <translation>Ninguna agencia asociada ha enviado aún a esta agencia sus informes de este periodo, así que no hay nada que combinar.</translation>
    </message>
    <message>
        <source>What the consent covers has no field in the HTCDS standard (see the mapping table). No file was written.</source>
        <translation>Lo que cubre el consentimiento no tiene ningún campo en el estándar HTCDS (vea la tabla de correspondencias). No se escribió ningún archivo.</translation>
    </message>
    <message>
        <source>An interview cannot start in that language.</source>
        <translation>La entrevista no puede empezar en ese idioma.</translation>
    </message>
    <message>
        <source>This interview guide is not written in that language. Choose one of the languages it offers.</source>
        <translation>Esta guía de entrevista no está escrita en ese idioma. Elija uno de los idiomas que ofrece.</translation>
    </message>
    <message>
        <source>The agency has not enabled interviews in that language. An administrator can add it to the policy.</source>
        <translation>La agencia no ha habilitado entrevistas en ese idioma. Un administrador puede añadirlo a la política.</translation>
    </message>
    <message>
        <source>This answer is outside what the interview guide accepts for this question, so it was not saved. Check it, or use “Prefers not to say”.</source>
        <translation>Esta respuesta queda fuera de lo que la guía de entrevista acepta para esta pregunta, así que no se guardó. Revísela, o use «Prefiere no decirlo».</translation>
    </message>
    <message>
        <source>That spreadsheet file cannot be read. Nothing was installed.</source>
        <translation>Ese archivo de hoja de cálculo no se puede leer. No se instaló nada.</translation>
    </message>
    <message>
        <source>This answer is not the kind this question takes, so it was not saved. Answer it again, or use “Prefers not to say”.</source>
        <translation>Esta respuesta no es del tipo que esta pregunta admite, así que no se guardó. Respóndala de nuevo, o use «Prefiere no decirlo».</translation>
    </message>
</context>
<context>
    <name>XlsFormRefusals</name>
    <message>
        <source>the file is not an .xlsx workbook pyxform can read</source>
        <translation>el archivo no es un libro .xlsx que pyxform pueda leer</translation>
    </message>
    <message>
        <source>the file is larger than {detail} bytes</source>
        <translation>el archivo ocupa más de {detail} bytes</translation>
    </message>
    <message>
        <source>pyxform refuses the form: {detail}</source>
        <translation>pyxform rechaza el formulario: {detail}</translation>
    </message>
    <message>
        <source>the sheet {detail} has no counterpart in Field Intake</source>
        <translation>la hoja {detail} no tiene equivalente en Field Intake</translation>
    </message>
    <message>
        <source>the settings sheet needs {detail}</source>
        <translation>a la hoja settings le falta {detail}</translation>
    </message>
    <message>
        <source>the setting {detail} has no counterpart in Field Intake</source>
        <translation>el ajuste {detail} no tiene equivalente en Field Intake</translation>
    </message>
    <message>
        <source>the column {detail} has no counterpart in Field Intake</source>
        <translation>la columna {detail} no tiene equivalente en Field Intake</translation>
    </message>
    <message>
        <source>there is no Field Intake column intake::{detail}</source>
        <translation>Field Intake no tiene ninguna columna intake::{detail}</translation>
    </message>
    <message>
        <source>{detail}</source>
        <translation>{detail}</translation>
    </message>
    <message>
        <source>the language {detail} needs its code, as in label::Español (es)</source>
        <translation>al idioma {detail} le falta su código, como en label::Español (es)</translation>
    </message>
    <message>
        <source>a text cannot show an earlier answer (${{...}}): {detail!r}</source>
        <translation>un texto no puede mostrar una respuesta anterior (${{...}}): {detail!r}</translation>
    </message>
    <message>
        <source>the question type {detail} cannot be asked in Field Intake</source>
        <translation>Field Intake no puede hacer preguntas del tipo {detail}</translation>
    </message>
    <message>
        <source>a repeat inside a group: a repeat must stand on its own, where each copy becomes a section</source>
        <translation>hay un repeat dentro de un grupo: un repeat va solo, fuera de todo grupo, y cada copia pasa a ser una sección</translation>
    </message>
    <message>
        <source>a group or repeat inside a repeat: protocol sections do not nest</source>
        <translation>hay un grupo o un repeat dentro de un repeat: las secciones de un protocolo no van unas dentro de otras</translation>
    </message>
    <message>
        <source>repeat_count must be a whole number from 1 to 10 (Field Intake asks a fixed number of copies), not {detail!r}</source>
        <translation>repeat_count debe ser un número entero del 1 al 10 (Field Intake pregunta un número fijo de copias), no {detail!r}</translation>
    </message>
    <message>
        <source>{detail}, the name of a repeat&apos;s copy, is longer than 64 characters</source>
        <translation>{detail}, el nombre de una copia de un repeat, tiene más de 64 caracteres</translation>
    </message>
    <message>
        <source>{detail}, the name of a repeat&apos;s copy, is already a name in the form</source>
        <translation>{detail}, el nombre de una copia de un repeat, ya se usa en el formulario</translation>
    </message>
    <message>
        <source>{detail} is in a repeat: intake::fills would have each copy fill the one case field</source>
        <translation>{detail} está en un repeat: con intake::fills, cada copia rellenaría el mismo campo del caso</translation>
    </message>
    <message>
        <source>the relevant refers to {detail}, which is inside a repeat: only questions of the same repeat may refer to it</source>
        <translation>el relevant se refiere a {detail}, que está dentro de un repeat: solo las preguntas de ese mismo repeat pueden referirse a ella</translation>
    </message>
    <message>
        <source>a group inside a group: protocol sections do not nest</source>
        <translation>hay un grupo dentro de otro grupo: las secciones de un protocolo no van unas dentro de otras</translation>
    </message>
    <message>
        <source>every question must be inside a group (begin_group), which is its section</source>
        <translation>cada pregunta debe estar dentro de un grupo (begin_group), que es su sección</translation>
    </message>
    <message>
        <source>a note can only be the first row of a group (the section&apos;s intro)</source>
        <translation>una nota (note) solo puede ser la primera fila de un grupo (la presentación de la sección)</translation>
    </message>
    <message>
        <source>or_other adds a hidden text question; add an &apos;other&apos; choice and a text question with a relevant instead</source>
        <translation>or_other añade una pregunta de texto oculta; en su lugar, añada una opción &apos;other&apos; y una pregunta de texto con un relevant</translation>
    </message>
    <message>
        <source>a calculation cannot be honoured: Field Intake computes no answers</source>
        <translation>no se puede aplicar un cálculo (calculate): Field Intake no calcula respuestas</translation>
    </message>
    <message>
        <source>a choice_filter (cascading choices) cannot be honoured</source>
        <translation>no se puede aplicar un choice_filter (opciones en cascada)</translation>
    </message>
    <message>
        <source>a {detail} on a group or a section&apos;s intro is not shown: only questions have an interviewer&apos;s note</source>
        <translation>un {detail} en un grupo o en la presentación de una sección no se muestra: solo las preguntas llevan nota para el entrevistador</translation>
    </message>
    <message>
        <source>both intake::note and {detail} are given: keep one as the interviewer&apos;s note (which should be read is not clear)</source>
        <translation>hay a la vez intake::note y {detail}: deje solo uno como nota para el entrevistador (no está claro cuál hay que leer)</translation>
    </message>
    <message>
        <source>the hint and guidance_hint are not in the same languages (see {detail}): the note in each language needs both</source>
        <translation>hint y guidance_hint no están en los mismos idiomas (vea {detail}): la nota de cada idioma necesita los dos</translation>
    </message>
    <message>
        <source>a default answer cannot be honoured: nothing is answered for the person</source>
        <translation>no se puede aplicar una respuesta por defecto (default): nadie responde en nombre de la persona</translation>
    </message>
    <message>
        <source>read_only cannot be honoured: every question can be answered</source>
        <translation>no se puede aplicar read_only: toda pregunta se puede responder</translation>
    </message>
    <message>
        <source>images, audio and video in a form cannot be shown yet</source>
        <translation>todavía no se pueden mostrar imágenes, audio ni vídeo de un formulario</translation>
    </message>
    <message>
        <source>the appearance {detail} cannot be honoured for this question</source>
        <translation>no se puede aplicar la apariencia (appearance) {detail} a esta pregunta</translation>
    </message>
    <message>
        <source>required must be yes or no: every question is asked when shown and every answer may be declined</source>
        <translation>required debe ser yes o no: toda pregunta que se muestra se hace, y toda respuesta se puede dejar sin contestar</translation>
    </message>
    <message>
        <source>the expression is outside the supported subset near {detail!r}</source>
        <translation>la expresión usa algo que no se admite, cerca de {detail!r}</translation>
    </message>
    <message>
        <source>the function {detail}() is not supported (only selected and not)</source>
        <translation>no se admite la función {detail}() (solo selected y not)</translation>
    </message>
    <message>
        <source>{detail} must compare one ${{question}} with one value</source>
        <translation>{detail} debe comparar una ${{question}} con un valor</translation>
    </message>
    <message>
        <source>the expression nests parentheses more than {detail} deep</source>
        <translation>la expresión anida paréntesis en más de {detail} niveles</translation>
    </message>
    <message>
        <source>the relevant of {detail} refers to the question itself</source>
        <translation>el relevant de {detail} se refiere a la propia pregunta</translation>
    </message>
    <message>
        <source>the relevant refers to {detail}, which comes later in the form</source>
        <translation>el relevant se refiere a {detail}, que viene más adelante en el formulario</translation>
    </message>
    <message>
        <source>the relevant refers to {detail}, which is no question of this form</source>
        <translation>el relevant se refiere a {detail}, que no es ninguna pregunta de este formulario</translation>
    </message>
    <message>
        <source>the comparison {detail} cannot be honoured: show-if tests only that an answer is, or is not, one of given values</source>
        <translation>la comparación {detail} no se puede aplicar: la condición para mostrar una pregunta solo comprueba si la respuesta es, o no es, uno de los valores dados</translation>
    </message>
    <message>
        <source>{detail} allows several answers: use selected(${{{detail}}}, &apos;value&apos;) instead of = or !=</source>
        <translation>{detail} admite varias respuestas: use selected(${{{detail}}}, &apos;valor&apos;) en lugar de = o !=</translation>
    </message>
    <message>
        <source>selected() needs a choice question, and {detail} is not one</source>
        <translation>selected() necesita una pregunta de opciones, y {detail} no lo es</translation>
    </message>
    <message>
        <source>not(selected()) on {detail}, which allows several answers, cannot be honoured</source>
        <translation>no se puede aplicar not(selected()) a {detail}, que admite varias respuestas</translation>
    </message>
    <message>
        <source>!= or not() on {detail}, whose answers are not a fixed list, cannot be honoured</source>
        <translation>no se puede aplicar != ni not() a {detail}, cuyas respuestas no son una lista fija</translation>
    </message>
    <message>
        <source>the value {detail} is not one of the question&apos;s choices</source>
        <translation>el valor {detail} no es una de las opciones de la pregunta</translation>
    </message>
    <message>
        <source>{detail} is not a number, and the question asks for a number</source>
        <translation>{detail} no es un número, y la pregunta pide un número</translation>
    </message>
    <message>
        <source>${{{detail}}} = &apos;&apos; (no answer) cannot be honoured: show-if can only test that an answer is there</source>
        <translation>no se puede aplicar ${{{detail}}} = &apos;&apos; (sin respuesta): la condición para mostrar una pregunta solo puede comprobar que hay una respuesta</translation>
    </message>
    <message>
        <source>the condition on {detail} could never be true</source>
        <translation>la condición sobre {detail} nunca podría cumplirse</translation>
    </message>
    <message>
        <source>the function {detail}() cannot be checked in a constraint (only string-length(.) and not)</source>
        <translation>la función {detail}() no se puede comprobar en un constraint (solo string-length(.) y not)</translation>
    </message>
    <message>
        <source>a constraint tests only the answer itself (.), not ${{{detail}}}: use a relevant on another question instead</source>
        <translation>un constraint solo comprueba la propia respuesta (.), no ${{{detail}}}: en su lugar, use un relevant en otra pregunta</translation>
    </message>
    <message>
        <source>selected() in a constraint cannot be checked: a multiple choice has no checks</source>
        <translation>selected() no se puede comprobar en un constraint: una pregunta de opción múltiple no lleva comprobaciones</translation>
    </message>
</context>
</TS>
