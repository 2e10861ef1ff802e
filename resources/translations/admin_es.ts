<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>AgencyAdmin</name>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source> in a row</source>
        <translation> seguidas</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Contact person</source>
        <translation>&amp;Persona de contacto</translation>
    </message>
    <message>
        <source>&amp;Kind of agency</source>
        <translation>&amp;Tipo de agencia</translation>
    </message>
    <message>
        <source>1 to 30 minutes</source>
        <translation>De 1 a 30 minutos</translation>
    </message>
    <message>
        <source>Advocate needs interview</source>
        <translation>Entrevista de necesidades (acompañamiento)</translation>
    </message>
    <message>
        <source>After a declined break, wait</source>
        <translation>Tras rechazar una pausa, esperar</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>Agency &amp;name</source>
        <translation>&amp;Nombre de la agencia</translation>
    </message>
    <message>
        <source>Agency administration</source>
        <translation>Administración de la agencia</translation>
    </message>
    <message>
        <source>Agency cards (*.json)</source>
        <translation>Tarjetas de agencia (*.json)</translation>
    </message>
    <message>
        <source>Agency cards (*.json);;All files (*)</source>
        <translation>Tarjetas de agencia (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Agency profiles (*.json)</source>
        <translation>Perfiles de agencia (*.json)</translation>
    </message>
    <message>
        <source>Agency profiles (*.json);;All files (*)</source>
        <translation>Perfiles de agencia (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Bundle &amp;passphrase</source>
        <translation>&amp;Frase de contraseña del paquete</translation>
    </message>
    <message>
        <source>Bundle passphrase</source>
        <translation>Frase de contraseña del paquete</translation>
    </message>
    <message>
        <source>Bundle passphrase &amp;again</source>
        <translation>Frase de contraseña del paquete, &amp;otra vez</translation>
    </message>
    <message>
        <source>Bundle passphrase again</source>
        <translation>Frase de contraseña del paquete, otra vez</translation>
    </message>
    <message>
        <source>Bundle passphrase too short: {count} of at least {minimum} characters.</source>
        <translation>Frase de contraseña demasiado corta: {count} de al menos {minimum} caracteres.</translation>
    </message>
    <message>
        <source>Check the card of {name} before you trust it</source>
        <translation>Compruebe la tarjeta de {name} antes de confiar en ella</translation>
    </message>
    <message>
        <source>Choose a signed profile</source>
        <translation>Elegir un perfil firmado</translation>
    </message>
    <message>
        <source>Choose the partner&apos;s card</source>
        <translation>Elegir la tarjeta de la agencia asociada</translation>
    </message>
    <message>
        <source>Confirmed {when}</source>
        <translation>Confirmada el {when}</translation>
    </message>
    <message>
        <source>Consent lasts, by default</source>
        <translation>Duración del consentimiento, por defecto</translation>
    </message>
    <message>
        <source>Contact&apos;s &amp;email</source>
        <translation>&amp;Correo del contacto</translation>
    </message>
    <message>
        <source>Contact&apos;s &amp;phone</source>
        <translation>&amp;Teléfono del contacto</translation>
    </message>
    <message>
        <source>Contact&apos;s &amp;role</source>
        <translation>&amp;Cargo del contacto</translation>
    </message>
    <message>
        <source>Create the agency</source>
        <translation>Crear la agencia</translation>
    </message>
    <message>
        <source>Create this agency</source>
        <translation>Crear esta agencia</translation>
    </message>
    <message>
        <source>Create this agency first (tab &quot;This agency&quot;).</source>
        <translation>Primero cree esta agencia (pestaña &quot;Esta agencia&quot;).</translation>
    </message>
    <message>
        <source>Create this agency first.</source>
        <translation>Primero cree esta agencia.</translation>
    </message>
    <message>
        <source>Create this agency first: a policy is signed with its key.</source>
        <translation>Primero cree esta agencia: la política se firma con su clave.</translation>
    </message>
    <message>
        <source>Enrolment bundles (*.bundle)</source>
        <translation>Paquetes de alta (*.bundle)</translation>
    </message>
    <message>
        <source>Fingerprint words</source>
        <translation>Palabras de la huella</translation>
    </message>
    <message>
        <source>Give the contact&apos;s phone number or email (or both).</source>
        <translation>Indique el teléfono o el correo del contacto (o ambos).</translation>
    </message>
    <message>
        <source>Hardening: memory</source>
        <translation>Refuerzo: memoria</translation>
    </message>
    <message>
        <source>Hardening: passes</source>
        <translation>Refuerzo: pasadas</translation>
    </message>
    <message>
        <source>Import a partner&apos;s card</source>
        <translation>Importar la tarjeta de una agencia asociada</translation>
    </message>
    <message>
        <source>Import a partner&apos;s card…</source>
        <translation>Importar la tarjeta de una agencia asociada…</translation>
    </message>
    <message>
        <source>Import a profile file</source>
        <translation>Importar un archivo de perfil</translation>
    </message>
    <message>
        <source>Import a profile file…</source>
        <translation>Importar un archivo de perfil…</translation>
    </message>
    <message>
        <source>Import the card file a partner sent you, then confirm its fingerprint by phone. Nothing can be shared with a partner until it is confirmed.</source>
        <translation>Importe el archivo de tarjeta que le envió la agencia asociada y confirme su huella por teléfono. No se puede compartir nada con ella hasta confirmarla.</translation>
    </message>
    <message>
        <source>Imported partner agencies</source>
        <translation>Agencias asociadas importadas</translation>
    </message>
    <message>
        <source>Installed policy version {serial}. It is in force on this laptop now.</source>
        <translation>Política versión {serial} instalada. Ya está en vigor en este portátil.</translation>
    </message>
    <message>
        <source>Interview guides offered</source>
        <translation>Guías de entrevista ofrecidas</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>Entrevistas</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Language of new laptops</source>
        <translation>Idioma de los portátiles nuevos</translation>
    </message>
    <message>
        <source>Law enforcement</source>
        <translation>Fuerzas del orden</translation>
    </message>
    <message>
        <source>Left out, not yet confirmed: {count} partner agencies.</source>
        <translation>Quedaron fuera, aún sin confirmar: {count} agencias asociadas.</translation>
    </message>
    <message>
        <source>Lock when idle for</source>
        <translation>Bloquear tras inactividad de</translation>
    </message>
    <message>
        <source>Name a point of contact partners can call.</source>
        <translation>Indique una persona de contacto a la que puedan llamar las agencias asociadas.</translation>
    </message>
    <message>
        <source>New laptop</source>
        <translation>Portátil nuevo</translation>
    </message>
    <message>
        <source>No partner agencies yet.</source>
        <translation>Aún no hay agencias asociadas.</translation>
    </message>
    <message>
        <source>No signed policy yet: the defaults apply.</source>
        <translation>Aún no hay política firmada: se aplican los valores por defecto.</translation>
    </message>
    <message>
        <source>Not confirmed: compare the words by phone</source>
        <translation>Sin confirmar: compare las palabras por teléfono</translation>
    </message>
    <message>
        <source>Offer a break every</source>
        <translation>Ofrecer una pausa cada</translation>
    </message>
    <message>
        <source>Officer victim interview</source>
        <translation>Entrevista policial a la víctima</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otra</translation>
    </message>
    <message>
        <source>Partner agencies</source>
        <translation>Agencias asociadas</translation>
    </message>
    <message>
        <source>Partners read these eight words back to you by phone before they trust your card. If even one word differs, the card was swapped on the way.</source>
        <translation>Las agencias asociadas le leen estas ocho palabras por teléfono antes de confiar en su tarjeta. Si una sola palabra difiere, la tarjeta se cambió por el camino.</translation>
    </message>
    <message>
        <source>Passphrase hardening makes a stolen laptop&apos;s passphrases slow to guess. Higher is safer but makes unlocking slower; 64 MiB and 3 passes take about a second. Applies to laptops set up after this version.</source>
        <translation>El refuerzo hace que las frases de contraseña de un portátil robado sean lentas de adivinar. Más alto es más seguro, pero desbloquear tarda más; 64 MiB y 3 pasadas tardan alrededor de un segundo. Se aplica a los portátiles preparados después de esta versión.</translation>
    </message>
    <message>
        <source>Pause after hard questions</source>
        <translation>Pausa tras preguntas difíciles</translation>
    </message>
    <message>
        <source>Phone {name}, preferably on a number you already had (their card lists: {contacts}). Ask them to read their eight words to you, then read yours to them. Confirm only if every word matches, in order.</source>
        <translation>Llame a {name}, mejor a un número que ya tuviera (su tarjeta indica: {contacts}). Pida que le lean sus ocho palabras y luego lea usted las suyas. Confirme solo si todas las palabras coinciden, en orden.</translation>
    </message>
    <message>
        <source>Point of contact: {contacts}</source>
        <translation>Persona de contacto: {contacts}</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Política</translation>
    </message>
    <message>
        <source>Policy for every laptop of the agency</source>
        <translation>Política para todos los portátiles de la agencia</translation>
    </message>
    <message>
        <source>Prosecutor&apos;s office</source>
        <translation>Fiscalía</translation>
    </message>
    <message>
        <source>Ready to create the agency.</source>
        <translation>Todo listo para crear la agencia.</translation>
    </message>
    <message>
        <source>Ready. The passphrases match.</source>
        <translation>Listo. Las frases de contraseña coinciden.</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>Dirección del relé</translation>
    </message>
    <message>
        <source>Save an enrolment bundle and take it to the new laptop (USB stick). At first run there, choose &quot;Join my agency&quot;, pick the file and type this passphrase.</source>
        <translation>Guarde un paquete de alta y llévelo al portátil nuevo (memoria USB). Allí, al iniciar por primera vez, elija &quot;Unirme a mi agencia&quot;, seleccione el archivo y escriba esta frase de contraseña.</translation>
    </message>
    <message>
        <source>Save enrolment bundle</source>
        <translation>Guardar el paquete de alta</translation>
    </message>
    <message>
        <source>Save enrolment bundle…</source>
        <translation>Guardar el paquete de alta…</translation>
    </message>
    <message>
        <source>Save profile to a file</source>
        <translation>Guardar el perfil en un archivo</translation>
    </message>
    <message>
        <source>Save profile to a file…</source>
        <translation>Guardar el perfil en un archivo…</translation>
    </message>
    <message>
        <source>Save public card to a file</source>
        <translation>Guardar la tarjeta pública en un archivo</translation>
    </message>
    <message>
        <source>Save public card to a file…</source>
        <translation>Guardar la tarjeta pública en un archivo…</translation>
    </message>
    <message>
        <source>Save the enrolment bundle</source>
        <translation>Guardar el paquete de alta</translation>
    </message>
    <message>
        <source>Save the public card</source>
        <translation>Guardar la tarjeta pública</translation>
    </message>
    <message>
        <source>Save the signed profile</source>
        <translation>Guardar el perfil firmado</translation>
    </message>
    <message>
        <source>Saved policy version {serial} to {file}. Import it on each laptop of the agency (Agency, Policy, Import).</source>
        <translation>Política versión {serial} guardada en {file}. Impórtela en cada portátil de la agencia (Agencia, Política, Importar).</translation>
    </message>
    <message>
        <source>Saved {file} (agency keys, policy version {serial}, confirmed partner agencies: {partners}). Give the passphrase separately (in person or by phone), and delete the file once the laptop has joined.</source>
        <translation>Guardado en {file} (claves de la agencia, política versión {serial}, agencias asociadas confirmadas: {partners}). Entregue la frase de contraseña por separado (en persona o por teléfono) y borre el archivo cuando el portátil se haya unido.</translation>
    </message>
    <message>
        <source>Saved {file}. It holds no secrets: send it to partner agencies any way you like, then read them the eight words by phone.</source>
        <translation>{file} guardado. No contiene secretos: envíelo a las agencias asociadas como quiera y luego léales las ocho palabras por teléfono.</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>Set up another laptop of this agency</source>
        <translation>Preparar otro portátil de esta agencia</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>Compartir</translation>
    </message>
    <message>
        <source>Sign and install as version {next}</source>
        <translation>Firmar e instalar como versión {next}</translation>
    </message>
    <message>
        <source>Signed and installed policy version {serial}. It is in force on this laptop now; new enrolment bundles carry it.</source>
        <translation>Política versión {serial} firmada e instalada. Ya está en vigor en este portátil; los paquetes de alta nuevos la llevan.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Suggest another day after</source>
        <translation>Proponer otro día tras</translation>
    </message>
    <message>
        <source>The bundle holds the agency&apos;s private keys. Use a long passphrase (at least 12 characters, for example five unrelated words) and never send it together with the file.</source>
        <translation>El paquete contiene las claves privadas de la agencia. Use una frase de contraseña larga (al menos 12 caracteres, por ejemplo cinco palabras sin relación) y nunca la envíe junto con el archivo.</translation>
    </message>
    <message>
        <source>The relay carries only encrypted envelopes between agencies. Leave it empty to share by USB stick or shared folder only.</source>
        <translation>El relé solo transporta sobres cifrados entre agencias. Déjelo vacío para compartir solo por memoria USB o carpeta compartida.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same yet.</source>
        <translation>Las dos frases de contraseña aún no coinciden.</translation>
    </message>
    <message>
        <source>Their words (they read these to you)</source>
        <translation>Sus palabras (se las leen a usted)</translation>
    </message>
    <message>
        <source>Then again every</source>
        <translation>Y de nuevo cada</translation>
    </message>
    <message>
        <source>This agency</source>
        <translation>Esta agencia</translation>
    </message>
    <message>
        <source>This makes the agency&apos;s keys and keeps them in this laptop&apos;s encrypted database. Do it once, on the administrator&apos;s laptop; other laptops join with an enrolment bundle.</source>
        <translation>Esto crea las claves de la agencia y las guarda en la base de datos cifrada de este portátil. Hágalo una sola vez, en el portátil de administración; los demás portátiles se unen con un paquete de alta.</translation>
    </message>
    <message>
        <source>Trafficking indicator screening</source>
        <translation>Cribado de indicadores de trata</translation>
    </message>
    <message>
        <source>Type the agency&apos;s name.</source>
        <translation>Escriba el nombre de la agencia.</translation>
    </message>
    <message>
        <source>Version {serial} is in force on this laptop. Change what you need, then sign it as version {next}.</source>
        <translation>La versión {serial} está en vigor en este portátil. Cambie lo necesario y fírmela como versión {next}.</translation>
    </message>
    <message>
        <source>Victim service provider</source>
        <translation>Servicio de atención a víctimas</translation>
    </message>
    <message>
        <source>Words differ — do not confirm</source>
        <translation>Las palabras difieren: no confirmar</translation>
    </message>
    <message>
        <source>Words match — confirm</source>
        <translation>Las palabras coinciden: confirmar</translation>
    </message>
    <message>
        <source>Your agency&apos;s fingerprint</source>
        <translation>Huella de su agencia</translation>
    </message>
    <message>
        <source>Your words (you read these to them)</source>
        <translation>Sus palabras propias (usted se las lee)</translation>
    </message>
    <message>
        <source>empty: share by USB stick only</source>
        <translation>vacío: compartir solo por memoria USB</translation>
    </message>
    <message>
        <source>{name} is confirmed. Consents can now name it, and shares to it can be sent.</source>
        <translation>{name} está confirmada. Los consentimientos ya pueden nombrarla y se le pueden enviar datos compartidos.</translation>
    </message>
    <message>
        <source>{name} stays unconfirmed: nothing can be shared with it. The card may have been swapped on the way; ask them to send it again another way.</source>
        <translation>{name} sigue sin confirmar: no se puede compartir nada con ella. La tarjeta pudo cambiarse por el camino; pida que la envíen de nuevo por otra vía.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>{title} (version {version})</source>
        <translation>{title} (versión {version})</translation>
    </message>
    <message>
        <source>Interview languages</source>
        <translation>Idiomas de las entrevistas</translation>
    </message>
    <message>
        <source>Every guide offered has all these languages.</source>
        <translation>Todas las guías ofrecidas tienen estos idiomas.</translation>
    </message>
    <message>
        <source>Some guides lack a language (per question):</source>
        <translation>A algunas guías les falta un idioma (por pregunta):</translation>
    </message>
    <message>
        <source>%1: missing in %2 places</source>
        <translation>%1: falta en %2 lugares</translation>
    </message>
    <message>
        <source>codes such as en, es, fr, pt-br</source>
        <translation>códigos como en, es, fr, pt-br</translation>
    </message>
    <message>
        <source>Interviews may be held in these languages, when the guide is written in them. The app&apos;s screens stay English and Spanish.</source>
        <translation>Las entrevistas pueden hacerse en estos idiomas si la guía está escrita en ellos. Las pantallas de la aplicación siguen en inglés y español.</translation>
    </message>
    <message>
        <source>Protocols</source>
        <translation>Protocolos</translation>
    </message>
    <message>
        <source>Comes with the app</source>
        <translation>Viene con la aplicación</translation>
    </message>
    <message>
        <source>The agency&apos;s profile</source>
        <translation>El perfil de la agencia</translation>
    </message>
    <message>
        <source>Installed on this laptop</source>
        <translation>Instalada en este portátil</translation>
    </message>
    <message>
        <source>{versions} (new interviews: {version})</source>
        <translation>{versions} (entrevistas nuevas: {version})</translation>
    </message>
    <message>
        <source>Choose a spreadsheet form</source>
        <translation>Elegir un formulario de hoja de cálculo</translation>
    </message>
    <message>
        <source>Spreadsheet forms (*.xlsx);;All files (*)</source>
        <translation>Formularios de hoja de cálculo (*.xlsx);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Checking {file}…</source>
        <translation>Comprobando {file}…</translation>
    </message>
    <message>
        <source>{title}, version {version}</source>
        <translation>{title}, versión {version}</translation>
    </message>
    <message>
        <source>Written in {all}. Interviews with it can be held in {spoken}.</source>
        <translation>Escrita en {all}. Las entrevistas con ella pueden hacerse en {spoken}.</translation>
    </message>
    <message>
        <source>Not written in every interview language of the agency: {lines}. Interviews in those languages do not offer this guide.</source>
        <translation>No está escrita en todos los idiomas de entrevista de la agencia: {lines}. Las entrevistas en esos idiomas no ofrecen esta guía.</translation>
    </message>
    <message>
        <source>This very version is installed already: there is nothing to install.</source>
        <translation>Esta misma versión ya está instalada: no hay nada que instalar.</translation>
    </message>
    <message>
        <source>Version {newer} of this guide is installed already. Installing version {version} keeps both.</source>
        <translation>La versión {newer} de esta guía ya está instalada. Instalar la versión {version} conserva las dos.</translation>
    </message>
    <message>
        <source>Nothing is installed until you press Install.</source>
        <translation>No se instala nada hasta que pulse Instalar.</translation>
    </message>
    <message>
        <source>In&amp;stall version {version}</source>
        <translation>In&amp;stalar la versión {version}</translation>
    </message>
    <message>
        <source>Sheet “{sheet}”, row {row}: {problem}.</source>
        <translation>Hoja «{sheet}», fila {row}: {problem}.</translation>
    </message>
    <message>
        <source>Correct that row in the spreadsheet, save it, and import it again (reason code: {reason}).</source>
        <translation>Corrija esa fila en la hoja de cálculo, guárdela e impórtela otra vez (código del motivo: {reason}).</translation>
    </message>
    <message>
        <source>Installed “{title}” version {version} on this laptop. Next: in the Policy tab, tick it under “Interview guides offered” and sign; the signed profile takes it to every laptop of the agency.</source>
        <translation>Se instaló «{title}» versión {version} en este portátil. Siguiente paso: en la pestaña Política, márquela en «Guías de entrevista ofrecidas» y firme; el perfil firmado la lleva a todos los portátiles de la agencia.</translation>
    </message>
    <message>
        <source>Interview guides on this laptop</source>
        <translation>Guías de entrevista en este portátil</translation>
    </message>
    <message>
        <source>An agency&apos;s own guide can be written in a spreadsheet (an XLSForm, as in ODK or KoboToolbox) and imported here. Installed, it is offered in the Policy tab; signing the policy with it ticked takes it to every laptop of the agency.</source>
        <translation>Una guía propia de la agencia puede escribirse en una hoja de cálculo (un XLSForm, como en ODK o KoboToolbox) e importarse aquí. Una vez instalada, se ofrece en la pestaña Política; firmar la política con ella marcada la lleva a todos los portátiles de la agencia.</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>Guía</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versiones</translation>
    </message>
    <message>
        <source>Where from</source>
        <translation>De dónde viene</translation>
    </message>
    <message>
        <source>&amp;Import a spreadsheet form…</source>
        <translation>&amp;Importar una hoja de cálculo…</translation>
    </message>
    <message>
        <source>Import a spreadsheet form</source>
        <translation>Importar una hoja de cálculo</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Open the Polic&amp;y tab</source>
        <translation>&amp;Abrir la pestaña Política</translation>
    </message>
    <message>
        <source>Open the Policy tab</source>
        <translation>Abrir la pestaña Política</translation>
    </message>
    <message>
        <source>In&amp;stall</source>
        <translation>In&amp;stalar</translation>
    </message>
    <message>
        <source>1 section</source>
        <translation>1 sección</translation>
    </message>
    <message>
        <source>{n} sections</source>
        <translation>{n} secciones</translation>
    </message>
    <message>
        <source>1 question</source>
        <translation>1 pregunta</translation>
    </message>
    <message>
        <source>{n} questions</source>
        <translation>{n} preguntas</translation>
    </message>
    <message>
        <source>From {file}: guide id {id}, {sections}, {questions}.</source>
        <translation>De {file}: guía con id {id}, {sections}, {questions}.</translation>
    </message>
    <message>
        <source>{file} cannot be used as an interview guide. Nothing was installed.</source>
        <translation>{file} no se puede usar como guía de entrevista. No se instaló nada.</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Create the user and join</source>
        <translation>Crear el usuario y unirse</translation>
    </message>
    <message>
        <source>Does your agency already use Field Intake? Your administrator can give you an enrolment bundle instead.</source>
        <translation>¿Su agencia ya usa Field Intake? Su administrador puede darle un paquete de alta.</translation>
    </message>
    <message>
        <source>Join my agency with an enrolment bundle</source>
        <translation>Unirme a mi agencia con un paquete de alta</translation>
    </message>
    <message>
        <source>Join my agency…</source>
        <translation>Unirme a mi agencia…</translation>
    </message>
    <message>
        <source>Joining {agency}. Now create the first user of this laptop.</source>
        <translation>Uniéndose a {agency}. Ahora cree el primer usuario de este portátil.</translation>
    </message>
</context>
<context>
    <name>JoinAgency</name>
    <message>
        <source>Agency: {name}. Policy version {serial}; {partners} partner agencies.</source>
        <translation>Agencia: {name}. Política versión {serial}; agencias asociadas: {partners}.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>Archivo del paquete</translation>
    </message>
    <message>
        <source>Bundle passphrase</source>
        <translation>Frase de contraseña del paquete</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Check these words with your administrator before you join: if they differ, stop and call them.</source>
        <translation>Compruebe estas palabras con su administrador antes de unirse: si difieren, deténgase y llámele.</translation>
    </message>
    <message>
        <source>Choose the enrolment bundle</source>
        <translation>Elegir el paquete de alta</translation>
    </message>
    <message>
        <source>Join my agency</source>
        <translation>Unirme a mi agencia</translation>
    </message>
    <message>
        <source>Open bundle</source>
        <translation>Abrir el paquete</translation>
    </message>
    <message>
        <source>This is my agency: join</source>
        <translation>Es mi agencia: unirme</translation>
    </message>
    <message>
        <source>Your administrator gave you an enrolment bundle (a file) and, separately, its passphrase. It sets this laptop up with your agency&apos;s keys, policy and partners.</source>
        <translation>Su administrador le dio un paquete de alta (un archivo) y, por separado, su frase de contraseña. Prepara este portátil con las claves, la política y las agencias asociadas de su agencia.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Agency administration (administrators)</source>
        <translation>Administración de la agencia (administradores)</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source> copies</source>
        <translation> copias</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>Hacer copia &amp;ahora</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>&amp;Carpeta</translation>
    </message>
    <message>
        <source>&amp;Keep the newest</source>
        <translation>&amp;Guardar las más recientes</translation>
    </message>
    <message>
        <source>&amp;Save schedule</source>
        <translation>Guardar &amp;programación</translation>
    </message>
    <message>
        <source>An encrypted copy of this laptop&apos;s data. Only an administrator&apos;s or a supervisor&apos;s passphrase, or the recovery code, opens it. Keep it away from the laptop: a USB stick or a network share.</source>
        <translation>Una copia cifrada de los datos de este portátil. Solo la abre la frase de contraseña de una persona administradora o supervisora, o el código de recuperación. Guárdela lejos del portátil: en una memoria USB o una carpeta de red.</translation>
    </message>
    <message>
        <source>Automatic backup saved.</source>
        <translation>Copia de seguridad automática guardada.</translation>
    </message>
    <message>
        <source>Automatic backup turned off.</source>
        <translation>Copia de seguridad automática desactivada.</translation>
    </message>
    <message>
        <source>Back up &amp;every</source>
        <translation>Hacer copia ca&amp;da</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Progreso de la copia de seguridad</translation>
    </message>
    <message>
        <source>Backup written: %1</source>
        <translation>Copia de seguridad escrita: %1</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>E&amp;legir…</translation>
    </message>
    <message>
        <source>Choose a folder first: a USB stick or a network share.</source>
        <translation>Elija antes una carpeta: una memoria USB o una carpeta de red.</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>Elija la carpeta de las copias de seguridad</translation>
    </message>
    <message>
        <source>Turn &amp;off</source>
        <translation>Desac&amp;tivar</translation>
    </message>
    <message>
        <source>Automatic backup is off.</source>
        <translation>La copia de seguridad automática está desactivada.</translation>
    </message>
    <message>
        <source>Automatic backup: due now.</source>
        <translation>Copia de seguridad automática: toca ahora.</translation>
    </message>
    <message>
        <source>Backing up… %1%</source>
        <translation>Haciendo copia… %1%</translation>
    </message>
    <message>
        <source>Backup status: %1</source>
        <translation>Estado de la copia de seguridad: %1</translation>
    </message>
    <message>
        <source>Last backup failed</source>
        <translation>Falló la última copia</translation>
    </message>
    <message>
        <source>Last backup: %1</source>
        <translation>Última copia: %1</translation>
    </message>
    <message>
        <source>Last backup: %1, to %2</source>
        <translation>Última copia de seguridad: %1, en %2</translation>
    </message>
    <message>
        <source>Last good backup: %1</source>
        <translation>Última copia correcta: %1</translation>
    </message>
    <message>
        <source>Next automatic backup: %1</source>
        <translation>Próxima copia automática: %1</translation>
    </message>
    <message>
        <source>No backup of this laptop has been made yet.</source>
        <translation>Todavía no se ha hecho ninguna copia de seguridad de este portátil.</translation>
    </message>
    <message>
        <source>No backup yet</source>
        <translation>Sin copia todavía</translation>
    </message>
    <message>
        <source>Open Backups (%1)</source>
        <translation>Abrir Copias de seguridad (%1)</translation>
    </message>
    <message>
        <source>The last backup failed (%1): %2</source>
        <translation>La última copia de seguridad falló (%1): %2</translation>
    </message>
</context>
</TS>
