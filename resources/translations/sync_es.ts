<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>CaseView</name>
    <message>
        <source>Partner accepted the referral</source>
        <translation>La agencia aliada aceptó la derivación</translation>
    </message>
    <message>
        <source>Partner declined the referral</source>
        <translation>La agencia aliada rechazó la derivación</translation>
    </message>
    <message>
        <source>Partner told that consent was withdrawn</source>
        <translation>Se avisó a la agencia aliada de que se retiró el consentimiento</translation>
    </message>
    <message>
        <source>Referral sent</source>
        <translation>Derivación enviada</translation>
    </message>
    <message>
        <source>Refer…</source>
        <translation>Derivar…</translation>
    </message>
    <message>
        <source>Send a referral</source>
        <translation>Enviar una derivación</translation>
    </message>
    <message>
        <source>Share previewed (nothing sent)</source>
        <translation>Vista previa para compartir (no se envió nada)</translation>
    </message>
    <message>
        <source>Share with a partner</source>
        <translation>Compartir con una agencia aliada</translation>
    </message>
    <message>
        <source>Shared with a partner</source>
        <translation>Compartido con una agencia aliada</translation>
    </message>
    <message>
        <source>Share…</source>
        <translation>Compartir…</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>%1 items imported, %2 refused (see Refused).</source>
        <translation>%1 elementos importados, %2 rechazados (ver Rechazados).</translation>
    </message>
    <message>
        <source>%1 items written to the folder. Carry it to the partner; they choose &quot;Import from folder&quot;.</source>
        <translation>%1 elementos escritos en la carpeta. Llévela a la agencia aliada; allí eligen «Importar desde carpeta».</translation>
    </message>
    <message>
        <source>%1 waiting to send</source>
        <translation>%1 por enviar</translation>
    </message>
    <message>
        <source>%1 will see exactly this (%2 items):</source>
        <translation>%1 verá exactamente esto (%2 datos):</translation>
    </message>
    <message>
        <source>%1 · %2 to %3: %4</source>
        <translation>%1 · %2 a %3: %4</translation>
    </message>
    <message>
        <source>%1 — identifies the person</source>
        <translation>%1 — identifica a la persona</translation>
    </message>
    <message>
        <source>%1&apos;s record — read-only. You cannot change it; it is not part of your own case file.</source>
        <translation>Registro de %1 — solo lectura. No puede cambiarlo; no forma parte de su propio expediente.</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>&amp;Finalidad:</translation>
    </message>
    <message>
        <source>&amp;Service needed:</source>
        <translation>&amp;Servicio necesario:</translation>
    </message>
    <message>
        <source>&amp;Urgency:</source>
        <translation>&amp;Urgencia:</translation>
    </message>
    <message>
        <source>A different message with the same number is already there.</source>
        <translation>Ya hay allí otro mensaje distinto con el mismo número.</translation>
    </message>
    <message>
        <source>A file in the folder could not be read.</source>
        <translation>No se pudo leer un archivo de la carpeta.</translation>
    </message>
    <message>
        <source>A file in the folder has a damaged label.</source>
        <translation>Un archivo de la carpeta tiene la etiqueta dañada.</translation>
    </message>
    <message>
        <source>A file in the folder has an unexpected name.</source>
        <translation>Un archivo de la carpeta tiene un nombre inesperado.</translation>
    </message>
    <message>
        <source>A file in the folder is addressed to another agency.</source>
        <translation>Un archivo de la carpeta va dirigido a otra agencia.</translation>
    </message>
    <message>
        <source>A file in the folder is incomplete (cut off).</source>
        <translation>Un archivo de la carpeta está incompleto (cortado).</translation>
    </message>
    <message>
        <source>A file in the folder is not a Field Intake message.</source>
        <translation>Un archivo de la carpeta no es un mensaje de Field Intake.</translation>
    </message>
    <message>
        <source>A file in the folder is too large to be a message.</source>
        <translation>Un archivo de la carpeta es demasiado grande para ser un mensaje.</translation>
    </message>
    <message>
        <source>A file in the folder was renamed or altered.</source>
        <translation>Un archivo de la carpeta fue renombrado o alterado.</translation>
    </message>
    <message>
        <source>Accept referral</source>
        <translation>Aceptar derivación</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptada</translation>
    </message>
    <message>
        <source>Advocate</source>
        <translation>Apoyo a víctimas</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Answer to a referral</source>
        <translation>Respuesta a una derivación</translation>
    </message>
    <message>
        <source>Ask a partner agency to provide a service. The referral carries only what the person&apos;s consent allows for that partner; you see all of it below first.</source>
        <translation>Pida a una agencia aliada que preste un servicio. La derivación lleva solo lo que el consentimiento de la persona permite para esa agencia; antes lo ve todo aquí abajo.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Case coordination</source>
        <translation>Coordinación del caso</translation>
    </message>
    <message>
        <source>Case information</source>
        <translation>Información del caso</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Consentimiento retirado</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contacto</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Datos de contacto</translation>
    </message>
    <message>
        <source>Could not be sent</source>
        <translation>No se pudo enviar</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Decline referral</source>
        <translation>Rechazar derivación</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Doesn&apos;t know</source>
        <translation>No sabe</translation>
    </message>
    <message>
        <source>Everything this laptop sends is encrypted for the partner alone. &quot;Waiting to send&quot; items go out with the next connection or folder export.</source>
        <translation>Todo lo que envía esta computadora va cifrado solo para la agencia aliada. Lo que está «Por enviar» sale con la próxima conexión o exportación a carpeta.</translation>
    </message>
    <message>
        <source>Experience</source>
        <translation>Experiencia</translation>
    </message>
    <message>
        <source>Export to a folder (USB stick)</source>
        <translation>Exportar a una carpeta (memoria USB)</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>Exportar a carpeta</translation>
    </message>
    <message>
        <source>Export to folder…</source>
        <translation>Exportar a carpeta…</translation>
    </message>
    <message>
        <source>For example: emergency shelter</source>
        <translation>Por ejemplo: refugio de emergencia</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>From %1 (read-only)</source>
        <translation>De %1 (solo lectura)</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identidad</translation>
    </message>
    <message>
        <source>Immigration</source>
        <translation>Migración</translation>
    </message>
    <message>
        <source>Immigration details</source>
        <translation>Datos migratorios</translation>
    </message>
    <message>
        <source>Import from a folder (USB stick)</source>
        <translation>Importar desde una carpeta (memoria USB)</translation>
    </message>
    <message>
        <source>Import from folder</source>
        <translation>Importar desde carpeta</translation>
    </message>
    <message>
        <source>Import from folder…</source>
        <translation>Importar desde carpeta…</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Recibidos</translation>
    </message>
    <message>
        <source>Inbox (%1)</source>
        <translation>Recibidos (%1)</translation>
    </message>
    <message>
        <source>It answers something this laptop never sent.</source>
        <translation>Responde a algo que esta computadora nunca envió.</translation>
    </message>
    <message>
        <source>It arrived too late: it had expired.</source>
        <translation>Llegó demasiado tarde: ya había caducado.</translation>
    </message>
    <message>
        <source>It comes from an agency that is not a confirmed partner. It will be opened once an administrator confirms that partner.</source>
        <translation>Viene de una agencia que no es aliada confirmada. Se abrirá cuando un administrador confirme a esa agencia.</translation>
    </message>
    <message>
        <source>It could not be unlocked with your agency&apos;s key.</source>
        <translation>No se pudo abrir con la clave de su agencia.</translation>
    </message>
    <message>
        <source>It is a copy of something that already arrived.</source>
        <translation>Es una copia de algo que ya había llegado.</translation>
    </message>
    <message>
        <source>It is a kind of message this app does not know.</source>
        <translation>Es un tipo de mensaje que esta aplicación no conoce.</translation>
    </message>
    <message>
        <source>It is not a Field Intake message at all.</source>
        <translation>No es un mensaje de Field Intake.</translation>
    </message>
    <message>
        <source>It is too large for the relay.</source>
        <translation>Es demasiado grande para el relé.</translation>
    </message>
    <message>
        <source>It names no consent, so it may not be kept.</source>
        <translation>No menciona ningún consentimiento, así que no se puede guardar.</translation>
    </message>
    <message>
        <source>It opened, but its contents are damaged.</source>
        <translation>Se abrió, pero su contenido está dañado.</translation>
    </message>
    <message>
        <source>It opened, but its contents are not in the expected form.</source>
        <translation>Se abrió, pero su contenido no tiene la forma esperada.</translation>
    </message>
    <message>
        <source>It waited too long and expired before it could be sent.</source>
        <translation>Esperó demasiado y caducó antes de poder enviarse.</translation>
    </message>
    <message>
        <source>It was addressed to another agency, not to yours.</source>
        <translation>Iba dirigido a otra agencia, no a la suya.</translation>
    </message>
    <message>
        <source>It was cut off: only part of it arrived.</source>
        <translation>Llegó cortado: solo llegó una parte.</translation>
    </message>
    <message>
        <source>It was larger than anything a partner may send.</source>
        <translation>Era más grande de lo que una agencia aliada puede enviar.</translation>
    </message>
    <message>
        <source>It was made by a newer version of the app: update this laptop.</source>
        <translation>Lo hizo una versión más nueva de la aplicación: actualice esta computadora.</translation>
    </message>
    <message>
        <source>It was refused (reason code %1).</source>
        <translation>Se rechazó (código de motivo %1).</translation>
    </message>
    <message>
        <source>Its address label is damaged.</source>
        <translation>Su etiqueta de dirección está dañada.</translation>
    </message>
    <message>
        <source>Its contents come from a newer version of the app: update this laptop.</source>
        <translation>Su contenido viene de una versión más nueva de la aplicación: actualice esta computadora.</translation>
    </message>
    <message>
        <source>Its signature does not match the sender: it may have been altered on the way.</source>
        <translation>Su firma no coincide con el remitente: puede haber sido alterado por el camino.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Law enforcement</source>
        <translation>Policía y justicia</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>Nombre legal</translation>
    </message>
    <message>
        <source>N&amp;ote for the partner:</source>
        <translation>N&amp;ota para la agencia aliada:</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Necesidades</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>No referral sent for this case yet.</source>
        <translation>Todavía no se envió ninguna derivación de este caso.</translation>
    </message>
    <message>
        <source>No relay: share by folder</source>
        <translation>Sin relé: compartir por carpeta</translation>
    </message>
    <message>
        <source>Not asked yet</source>
        <translation>Aún no se preguntó</translation>
    </message>
    <message>
        <source>Not part of an agency yet</source>
        <translation>Aún no pertenece a una agencia</translation>
    </message>
    <message>
        <source>Note for the partner</source>
        <translation>Nota para la agencia aliada</translation>
    </message>
    <message>
        <source>Note with your answer</source>
        <translation>Nota con su respuesta</translation>
    </message>
    <message>
        <source>Note with your answer (optional)</source>
        <translation>Nota con su respuesta (opcional)</translation>
    </message>
    <message>
        <source>Nothing can be sent: the person has not given a consent that is in force for %1 and the purpose &quot;%2&quot;. Ask the person, and record their consent first.</source>
        <translation>No se puede enviar nada: la persona no ha dado un consentimiento vigente para %1 y la finalidad «%2». Pregúntele y registre primero su consentimiento.</translation>
    </message>
    <message>
        <source>Nothing has arrived from partners yet.</source>
        <translation>Todavía no ha llegado nada de las agencias aliadas.</translation>
    </message>
    <message>
        <source>Offline: will retry</source>
        <translation>Sin conexión: se reintentará</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Only what the person agreed to share with this partner, for this purpose, leaves this laptop. Check it below before you send.</source>
        <translation>Solo sale de esta computadora lo que la persona aceptó compartir con esta agencia, para esta finalidad. Revíselo abajo antes de enviar.</translation>
    </message>
    <message>
        <source>Open (read-only)</source>
        <translation>Abrir (solo lectura)</translation>
    </message>
    <message>
        <source>Open Sharing (%1)</source>
        <translation>Abrir Compartir (%1)</translation>
    </message>
    <message>
        <source>Partner &amp;agency:</source>
        <translation>&amp;Agencia aliada:</translation>
    </message>
    <message>
        <source>Partner agency</source>
        <translation>Agencia aliada</translation>
    </message>
    <message>
        <source>Police</source>
        <translation>Policía</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Prefers not to say</source>
        <translation>Prefiere no decirlo</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Purpose of sharing</source>
        <translation>Finalidad de compartir</translation>
    </message>
    <message>
        <source>Queued for %1: %2 items. They are sent as soon as there is a connection, or by a folder export.</source>
        <translation>En espera para %1: %2 datos. Se envían en cuanto haya conexión, o con una exportación a carpeta.</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Acuse de recibo</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>Registrar consentimiento</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Registrado por</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Derivación</translation>
    </message>
    <message>
        <source>Referral to services</source>
        <translation>Derivación a servicios</translation>
    </message>
    <message>
        <source>Referral: %1 (%2)</source>
        <translation>Derivación: %1 (%2)</translation>
    </message>
    <message>
        <source>Referral: %1 · urgency: %2
Their note: %3</source>
        <translation>Derivación: %1 · urgencia: %2
Su nota: %3</translation>
    </message>
    <message>
        <source>Referrals already sent for this case</source>
        <translation>Derivaciones ya enviadas de este caso</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazados</translation>
    </message>
    <message>
        <source>Refused (%1)</source>
        <translation>Rechazados (%1)</translation>
    </message>
    <message>
        <source>Refused items</source>
        <translation>Elementos rechazados</translation>
    </message>
    <message>
        <source>Relay refused this laptop</source>
        <translation>El relé rechazó esta computadora</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send a referral — case %1</source>
        <translation>Enviar una derivación — caso %1</translation>
    </message>
    <message>
        <source>Send and receive now</source>
        <translation>Enviar y recibir ahora</translation>
    </message>
    <message>
        <source>Send referral</source>
        <translation>Enviar derivación</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Sent (%1 waiting)</source>
        <translation>Enviados (%1 en espera)</translation>
    </message>
    <message>
        <source>Service needed</source>
        <translation>Servicio necesario</translation>
    </message>
    <message>
        <source>Share with a partner — case %1</source>
        <translation>Compartir con una agencia aliada — caso %1</translation>
    </message>
    <message>
        <source>Sharing status: %1</source>
        <translation>Estado de lo compartido: %1</translation>
    </message>
    <message>
        <source>Sharing with partners</source>
        <translation>Compartir con agencias aliadas</translation>
    </message>
    <message>
        <source>Signed by %1 and checked on arrival · version %2 · purpose: %3 · received %4</source>
        <translation>Firmado por %1 y verificado al llegar · versión %2 · finalidad: %3 · recibido %4</translation>
    </message>
    <message>
        <source>Something in the folder is not a regular file.</source>
        <translation>Algo en la carpeta no es un archivo normal.</translation>
    </message>
    <message>
        <source>Something was added to it after it was signed.</source>
        <translation>Se le añadió algo después de firmarlo.</translation>
    </message>
    <message>
        <source>Soon (within days)</source>
        <translation>Pronto (en pocos días)</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>The app failed while storing it; nothing of it was kept.</source>
        <translation>La aplicación falló al guardarlo; no se guardó nada de ello.</translation>
    </message>
    <message>
        <source>The consent in force covers nothing that is recorded in this case yet, so there is nothing to send.</source>
        <translation>El consentimiento vigente no cubre nada de lo registrado en este caso todavía, así que no hay nada que enviar.</translation>
    </message>
    <message>
        <source>The folder could not be used: check that the stick is plugged in and not read-only. Nothing was lost.</source>
        <translation>No se pudo usar la carpeta: compruebe que la memoria está conectada y no es de solo lectura. No se perdió nada.</translation>
    </message>
    <message>
        <source>The partner withdrew this: it was removed from this laptop.</source>
        <translation>La agencia aliada lo retiró: se borró de esta computadora.</translation>
    </message>
    <message>
        <source>The relay does not know this laptop: ask your administrator.</source>
        <translation>El relé no conoce esta computadora: consulte a su administrador.</translation>
    </message>
    <message>
        <source>The relay does not know your agency yet: ask your administrator.</source>
        <translation>El relé aún no conoce su agencia: consulte a su administrador.</translation>
    </message>
    <message>
        <source>The relay has blocked this laptop: ask your administrator to enrol it again.</source>
        <translation>El relé bloqueó esta computadora: pida a su administrador que la vuelva a registrar.</translation>
    </message>
    <message>
        <source>The relay refused this laptop (reason code %1).</source>
        <translation>El relé rechazó esta computadora (código de motivo %1).</translation>
    </message>
    <message>
        <source>The relay refused this laptop&apos;s signature: check the date and time.</source>
        <translation>El relé rechazó la firma de esta computadora: revise la fecha y la hora.</translation>
    </message>
    <message>
        <source>Their note: %1</source>
        <translation>Su nota: %1</translation>
    </message>
    <message>
        <source>There is no confirmed partner agency yet. An administrator adds partners and confirms their fingerprint words by phone; then you can share.</source>
        <translation>Todavía no hay ninguna agencia aliada confirmada. Un administrador agrega agencias y confirma sus palabras de huella por teléfono; después podrá compartir.</translation>
    </message>
    <message>
        <source>These arrived but were not opened or kept, for the reason shown. Nothing in them reached a case. Tell your administrator if they keep coming.</source>
        <translation>Esto llegó pero no se abrió ni se guardó, por el motivo indicado. Nada de ello llegó a un caso. Avise a su administrador si sigue llegando.</translation>
    </message>
    <message>
        <source>This laptop&apos;s clock is wrong: correct the date and time.</source>
        <translation>El reloj de esta computadora está mal: corrija la fecha y la hora.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Actualización</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgencia</translation>
    </message>
    <message>
        <source>Urgent (today)</source>
        <translation>Urgente (hoy)</translation>
    </message>
    <message>
        <source>Waiting for an answer</source>
        <translation>Esperando respuesta</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Por enviar</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>What the partner shared</source>
        <translation>Lo que compartió la agencia aliada</translation>
    </message>
    <message>
        <source>What the partner will see</source>
        <translation>Lo que verá la agencia aliada</translation>
    </message>
    <message>
        <source>Whose record</source>
        <translation>De quién es el registro</translation>
    </message>
    <message>
        <source>Why it was refused</source>
        <translation>Por qué se rechazó</translation>
    </message>
    <message>
        <source>Withdrawn by the sender: removed</source>
        <translation>Retirado por el remitente: borrado</translation>
    </message>
    <message>
        <source>Working out what may be shared…</source>
        <translation>Calculando qué se puede compartir…</translation>
    </message>
    <message>
        <source>Working with the folder…</source>
        <translation>Trabajando con la carpeta…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>You accepted</source>
        <translation>Usted aceptó</translation>
    </message>
    <message>
        <source>You declined</source>
        <translation>Usted rechazó</translation>
    </message>
    <message>
        <source>Your answer is queued for the referring agency.</source>
        <translation>Su respuesta está en espera para la agencia que derivó.</translation>
    </message>
    <message>
        <source>last sent %1</source>
        <translation>último envío %1</translation>
    </message>
    <message>
        <source>read-only, signed</source>
        <translation>solo lectura, firmado</translation>
    </message>
    <message>
        <source>unknown sender</source>
        <translation>remitente desconocido</translation>
    </message>
    <message>
        <source>⚠ %1 could not be sent: see Sharing</source>
        <translation>⚠ %1 no se pudieron enviar: vea Compartir</translation>
    </message>
    <message>
        <source>⚠ %1 refused on arrival: see Sharing</source>
        <translation>⚠ %1 rechazados al llegar: vea Compartir</translation>
    </message>
    <message>
        <source>Nothing can be sent: the person has no consent in force for any purpose with %1. Ask the person, and record their consent first.</source>
        <translation>No se puede enviar nada: la persona no tiene ningún consentimiento vigente, para ningún fin, con %1. Pregunte a la persona y registre antes su consentimiento.</translation>
    </message>
    <message>
        <source>%1 other items of this case stay on this laptop:</source>
        <translation>%1 elementos más de este caso se quedan en esta computadora:</translation>
    </message>
    <message>
        <source>• %1: %2</source>
        <translation>• %1: %2</translation>
    </message>
    <message>
        <source>no consent in force covers it</source>
        <translation>ningún consentimiento vigente lo cubre</translation>
    </message>
    <message>
        <source>it identifies the person, and the consent was only spoken: the agency&apos;s policy asks a written or signed consent for that</source>
        <translation>identifica a la persona y el consentimiento fue solo verbal: la política de la agencia pide para eso un consentimiento escrito o firmado</translation>
    </message>
    <message>
        <source>The consent it came under ended: removed</source>
        <translation>El consentimiento con el que llegó terminó: eliminado</translation>
    </message>
    <message>
        <source>it identifies a person who may be under 18: that needs the consent of a parent or guardian as well as the person&apos;s own</source>
        <translation>identifica a una persona que puede ser menor de 18 años: para eso hace falta el consentimiento de la madre, el padre o una persona tutora, además del de la persona</translation>
    </message>
    <message>
        <source>⚠ This laptop&apos;s clock is %1 ahead: check the date and time (a partner holds %2 until then)</source>
        <translation>⚠ El reloj de este portátil va %1 adelantado: revise la fecha y la hora (una agencia asociada retiene %2 hasta entonces)</translation>
    </message>
    <message>
        <source>It is dated later than this laptop&apos;s clock (the sender&apos;s clock may be ahead): it is taken when that time comes.</source>
        <translation>Tiene una fecha posterior al reloj de este portátil (puede que el reloj del remitente vaya adelantado): se aceptará cuando llegue esa hora.</translation>
    </message>
    <message>
        <source>It was locked with your agency&apos;s old key, after an administrator replaced it. Ask the sender to send it again.</source>
        <translation>Se cerró con la clave antigua de su agencia, después de que un administrador la sustituyera. Pida a quien lo envió que lo envíe de nuevo.</translation>
    </message>
    <message>
        <source>Your agency&apos;s keys were replaced, but not for this laptop. Ask your administrator to enrol it again.</source>
        <translation>Las claves de su agencia se sustituyeron, pero no para este portátil. Pida a su administrador que lo inscriba de nuevo.</translation>
    </message>
    <message>
        <source>A new agency card arrived that its agency&apos;s signing key did not sign.</source>
        <translation>Llegó una nueva tarjeta de agencia que no firmó la clave de firma de esa agencia.</translation>
    </message>
    <message>
        <source>Part of a file</source>
        <translation>Parte de un archivo</translation>
    </message>
    <message>
        <source>It is part of a file, but it does not agree with the other parts of that file.</source>
        <translation>Es parte de un archivo, pero no coincide con las demás partes de ese archivo.</translation>
    </message>
    <message>
        <source>All parts of a file arrived, but together they are not the file that was sent: it was not kept. Ask the sender to share it again.</source>
        <translation>Llegaron todas las partes de un archivo, pero juntas no son el archivo que se envió: no se guardó. Pida a quien lo envió que lo comparta de nuevo.</translation>
    </message>
    <message>
        <source>Picture (PNG)</source>
        <translation>Imagen (PNG)</translation>
    </message>
    <message>
        <source>Photo (JPEG)</source>
        <translation>Foto (JPEG)</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>Documento PDF</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>No files came with it.</source>
        <translation>No llegó ningún archivo con esto.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Files they sent (%1):</source>
        <translation>Archivos que enviaron (%1):</translation>
    </message>
    <message>
        <source>Preview the file</source>
        <translation>Ver el archivo</translation>
    </message>
    <message>
        <source>Another purpose</source>
        <translation>Otra finalidad</translation>
    </message>
    <message>
        <source>Another purpose: %1</source>
        <translation>Otra finalidad: %1</translation>
    </message>
    <message>
        <source>It is a partner&apos;s report counts, but not in the form this app sends (a small count shown, totals that do not add up, or something more than counts): nothing of it was kept. Ask the partner to update the app and send it again.</source>
        <translation>Son los recuentos de un informe de una agencia asociada, pero no en la forma que envía esta aplicación (un recuento pequeño visible, totales que no cuadran o algo más que recuentos): no se guardó nada. Pida a la agencia que actualice la aplicación y lo envíe de nuevo.</translation>
    </message>
    <message>
        <source>It is a partner&apos;s report counts, but it hides fewer small counts than this agency&apos;s rule: it was not kept. Ask the partner to send it again with this agency&apos;s threshold.</source>
        <translation>Son los recuentos de un informe de una agencia asociada, pero oculta menos recuentos pequeños que la regla de esta agencia: no se guardó. Pida a la agencia que lo envíe de nuevo con el umbral de esta agencia.</translation>
    </message>
</context>
</TS>
