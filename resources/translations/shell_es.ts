<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>CaseList</name>
    <message>
        <source>(no name given)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Case code</source>
        <translation>Código del caso</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Casos</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>DEMO</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Filtrar por estado</translation>
    </message>
    <message>
        <source>Hidden. Use Show name to reveal it.</source>
        <translation>Oculto. Use Mostrar nombre para verlo.</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>Entrevistas</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Última actividad</translation>
    </message>
    <message>
        <source>Made-up demo data, not a real person.</source>
        <translation>Datos de demostración inventados, no es una persona real.</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>Caso nuevo</translation>
    </message>
    <message>
        <source>No case matches. Check the code, or clear the search.</source>
        <translation>Ningún caso coincide. Revise el código o borre la búsqueda.</translation>
    </message>
    <message>
        <source>No cases yet. Press New case to start one: no details are needed.</source>
        <translation>Todavía no hay casos. Pulse Caso nuevo para empezar uno: no hace falta ningún dato.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Abrir caso</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Derivado</translation>
    </message>
    <message>
        <source>Search by case code, name or note</source>
        <translation>Buscar por código, nombre o nota</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>Buscar casos</translation>
    </message>
    <message>
        <source>Show name</source>
        <translation>Mostrar nombre</translation>
    </message>
    <message>
        <source>Showing %1 cases</source>
        <translation>Se muestran %1 casos</translation>
    </message>
    <message>
        <source>Showing %1 cases (scroll for more)</source>
        <translation>Se muestran %1 casos (desplácese para ver más)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Showing 1 case</source>
        <translation>Se muestra 1 caso</translation>
    </message>
    <message>
        <source>Showing 1 case (scroll for more)</source>
        <translation>Se muestra 1 caso (desplácese para ver más)</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>&amp;Status</source>
        <translation>E&amp;stado</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Añadir nota</translation>
    </message>
    <message>
        <source>Answer saved</source>
        <translation>Respuesta guardada</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Respondidas</translation>
    </message>
    <message>
        <source>Back to cases</source>
        <translation>Volver a los casos</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Case code</source>
        <translation>Código del caso</translation>
    </message>
    <message>
        <source>Case coordination</source>
        <translation>Coordinación del caso</translation>
    </message>
    <message>
        <source>Case created</source>
        <translation>Caso creado</translation>
    </message>
    <message>
        <source>Case deleted</source>
        <translation>Caso eliminado</translation>
    </message>
    <message>
        <source>Case opened</source>
        <translation>Caso abierto</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Categorías</translation>
    </message>
    <message>
        <source>Consent recorded</source>
        <translation>Consentimiento registrado</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>Consentimiento retirado</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Consentimientos</translation>
    </message>
    <message>
        <source>Contact (identifying)</source>
        <translation>Contacto (identificativo)</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Copiar código</translation>
    </message>
    <message>
        <source>Created %1 · Last activity %2</source>
        <translation>Creado %1 · Última actividad %2</translation>
    </message>
    <message>
        <source>DEMO: made-up data</source>
        <translation>DEMO: datos inventados</translation>
    </message>
    <message>
        <source>Date of birth (identifying)</source>
        <translation>Fecha de nacimiento (identificativo)</translation>
    </message>
    <message>
        <source>Edit &amp;note</source>
        <translation>Editar &amp;nota</translation>
    </message>
    <message>
        <source>Edit selected note</source>
        <translation>Editar la nota seleccionada</translation>
    </message>
    <message>
        <source>Everything done with this case, newest first.</source>
        <translation>Todo lo hecho con este caso, lo más reciente primero.</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Ocultar datos</translation>
    </message>
    <message>
        <source>Identifying details</source>
        <translation>Datos identificativos</translation>
    </message>
    <message>
        <source>Identifying details are hidden. Nothing about the person is needed to work on this case. Showing them is recorded in the audit log.</source>
        <translation>Los datos identificativos están ocultos. No hace falta ningún dato de la persona para trabajar en este caso. Mostrarlos queda registrado en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Identifying details changed</source>
        <translation>Datos identificativos modificados</translation>
    </message>
    <message>
        <source>Identifying details shown</source>
        <translation>Datos identificativos mostrados</translation>
    </message>
    <message>
        <source>Identifying details: every field is optional. Leave blank what the person did not give.</source>
        <translation>Datos identificativos: todos los campos son opcionales. Deje en blanco lo que la persona no dio.</translation>
    </message>
    <message>
        <source>Immigration details (identifying)</source>
        <translation>Situación migratoria (identificativo)</translation>
    </message>
    <message>
        <source>Interview completed</source>
        <translation>Entrevista completada</translation>
    </message>
    <message>
        <source>Interview paused, to continue another day</source>
        <translation>Entrevista en pausa, para continuar otro día</translation>
    </message>
    <message>
        <source>Interview reopened</source>
        <translation>Entrevista reabierta</translation>
    </message>
    <message>
        <source>Interview started</source>
        <translation>Entrevista iniciada</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>Entrevistas</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Law enforcement</source>
        <translation>Fuerzas del orden</translation>
    </message>
    <message>
        <source>Legal name (identifying)</source>
        <translation>Nombre legal (identificativo)</translation>
    </message>
    <message>
        <source>New &amp;note</source>
        <translation>&amp;Nota nueva</translation>
    </message>
    <message>
        <source>No consent recorded. Nothing can be shared.</source>
        <translation>No hay consentimiento registrado. No se puede compartir nada.</translation>
    </message>
    <message>
        <source>No interviews yet.</source>
        <translation>Todavía no hay entrevistas.</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>Nota añadida</translation>
    </message>
    <message>
        <source>Note changed</source>
        <translation>Nota modificada</translation>
    </message>
    <message>
        <source>Note deleted</source>
        <translation>Nota eliminada</translation>
    </message>
    <message>
        <source>Note text</source>
        <translation>Texto de la nota</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Nombre preferido</translation>
    </message>
    <message>
        <source>Preferred name changed</source>
        <translation>Nombre preferido modificado</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Finalidad</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>Registrar consentimiento</translation>
    </message>
    <message>
        <source>Referral to services</source>
        <translation>Derivación a servicios</translation>
    </message>
    <message>
        <source>Resume interview</source>
        <translation>Continuar entrevista</translation>
    </message>
    <message>
        <source>Save details</source>
        <translation>Guardar datos</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Guardar nota</translation>
    </message>
    <message>
        <source>Show identifying details</source>
        <translation>Mostrar datos identificativos</translation>
    </message>
    <message>
        <source>Start interview</source>
        <translation>Iniciar entrevista</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Situación</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Estado cambiado</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>Retirar consentimiento</translation>
    </message>
    <message>
        <source>Withdraw this consent? Partners who received data will be told.</source>
        <translation>¿Retirar este consentimiento? Se avisará a las entidades que recibieron datos.</translation>
    </message>
    <message>
        <source>Yes, withdraw</source>
        <translation>Sí, retirar</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>completada</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>vencido</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>vigente</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retirado</translation>
    </message>
    <message>
        <source>← Back to cases</source>
        <translation>← Volver a los casos</translation>
    </message>
    <message>
        <source>Answer undone</source>
        <translation>Respuesta deshecha</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Respuestas</translation>
    </message>
    <message>
        <source>Identity (identifying)</source>
        <translation>Identidad (identificativa)</translation>
    </message>
    <message>
        <source>Experience</source>
        <translation>Experiencia</translation>
    </message>
    <message>
        <source>Needs</source>
        <translation>Necesidades</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>Immigration (identifying)</source>
        <translation>Situación migratoria (identificativa)</translation>
    </message>
    <message>
        <source>An agency no longer among the partners</source>
        <translation>Una agencia que ya no está entre las aliadas</translation>
    </message>
    <message>
        <source>Trafficker</source>
        <translation>Tratante</translation>
    </message>
    <message>
        <source>Abuser</source>
        <translation>Agresor o agresora</translation>
    </message>
    <message>
        <source>Someone else the person named</source>
        <translation>Otra persona que la persona nombró</translation>
    </message>
    <message>
        <source>People not to contact or tell</source>
        <translation>Personas a las que no contactar ni informar</translation>
    </message>
    <message>
        <source>Anyone the person names: none of them can give consent as the person&apos;s parent or guardian, and a consent they gave stops counting.</source>
        <translation>Cualquier persona que la persona nombre: ninguna puede dar el consentimiento como su madre, padre o persona tutora, y un consentimiento que haya dado deja de contar.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Who they are</source>
        <translation>Quién es</translation>
    </message>
    <message>
        <source>Name of someone not to contact</source>
        <translation>Nombre de alguien a quien no contactar</translation>
    </message>
    <message>
        <source>Add to the list</source>
        <translation>Añadir a la lista</translation>
    </message>
    <message>
        <source>Take off the list</source>
        <translation>Quitar de la lista</translation>
    </message>
    <message>
        <source>Never share with</source>
        <translation>Nunca compartir con</translation>
    </message>
    <message>
        <source>Agencies the person never wants anything sent to: no share, referral or consent can reach them, whatever else is recorded.</source>
        <translation>Agencias a las que la persona no quiere que se envíe nada nunca: ningún envío, derivación ni consentimiento puede llegarles, diga lo que diga el resto del caso.</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Agencia</translation>
    </message>
    <message>
        <source>Choose a partner agency</source>
        <translation>Elija una agencia aliada</translation>
    </message>
    <message>
        <source>Agency never to share with</source>
        <translation>Agencia con la que nunca compartir</translation>
    </message>
    <message>
        <source>Never share with this agency</source>
        <translation>Nunca compartir con esta agencia</translation>
    </message>
    <message>
        <source>Nothing was lost. Keep the right version (or write it); the other stays in the case&apos;s history.</source>
        <translation>No se perdió nada. Conserve la versión correcta (o escríbala); la otra queda en el historial del caso.</translation>
    </message>
    <message>
        <source>Two versions: this case was changed on two laptops while they were apart</source>
        <translation>Dos versiones: este caso se cambió en dos portátiles mientras estaban separados</translation>
    </message>
    <message>
        <source>(hidden)</source>
        <translation>(oculto)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>A note</source>
        <translation>Una nota</translation>
    </message>
    <message>
        <source>Keep the version by %1</source>
        <translation>Conservar la versión de %1</translation>
    </message>
    <message>
        <source>Keep this one</source>
        <translation>Conservar esta</translation>
    </message>
    <message>
        <source>by %1, %2</source>
        <translation>por %1, %2</translation>
    </message>
    <message>
        <source>Or write the right one</source>
        <translation>O escriba la correcta</translation>
    </message>
    <message>
        <source>Save this instead</source>
        <translation>Guardar esta en su lugar</translation>
    </message>
    <message>
        <source>Show the versions</source>
        <translation>Mostrar las versiones</translation>
    </message>
    <message>
        <source>Prefers not to say</source>
        <translation>Prefiere no decirlo</translation>
    </message>
    <message>
        <source>Doesn&apos;t know</source>
        <translation>No sabe</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>Respuesta: %1</translation>
    </message>
    <message>
        <source>in progress on %1</source>
        <translation>en curso en %1</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Adjuntar un archivo</translation>
    </message>
    <message>
        <source>Shred the original once it is saved here</source>
        <translation>Destruir el original cuando quede guardado aquí</translation>
    </message>
    <message>
        <source>For files from a scanner&apos;s folder: the original is overwritten and deleted.</source>
        <translation>Para archivos de la carpeta de un escáner: el original se sobrescribe y se borra.</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Covered by consent for</source>
        <translation>&amp;Cubierto por el consentimiento para</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Adjuntar</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Delete this file?</source>
        <translation>¿Borrar este archivo?</translation>
    </message>
    <message>
        <source>The file is deleted from this laptop for good.</source>
        <translation>El archivo se borra de este portátil para siempre.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Conservarlo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Agregado</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>No files yet. A scanned signed release or a photographed document can be kept here, encrypted.</source>
        <translation>Aún no hay archivos. Aquí se puede guardar, cifrado, un consentimiento firmado escaneado o la foto de un documento.</translation>
    </message>
    <message>
        <source>&amp;Attach a file…</source>
        <translation>&amp;Adjuntar un archivo…</translation>
    </message>
    <message>
        <source>Delete file</source>
        <translation>Borrar archivo</translation>
    </message>
    <message>
        <source>Print receipt for the person…</source>
        <translation>Imprimir comprobante para la persona…</translation>
    </message>
    <message>
        <source>A paper in the person&apos;s language: what was shared with whom, what for, until when, and how to withdraw. It shows the case number, never the name.</source>
        <translation>Un papel en el idioma de la persona: qué se compartió, con quién, para qué, hasta cuándo y cómo retirarlo. Muestra el número de caso, nunca el nombre.</translation>
    </message>
    <message>
        <source>Save the person&apos;s receipt: the PDF is not encrypted</source>
        <translation>Guardar el comprobante de la persona: el PDF no está cifrado</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved {file}. Print it for the person; the file is not encrypted, so delete it once printed.</source>
        <translation>Se guardó {file}. Imprímalo para la persona; el archivo no está cifrado, así que bórrelo después de imprimirlo.</translation>
    </message>
    <message>
        <source>Legal &amp;hold</source>
        <translation>Retención &amp;legal</translation>
    </message>
    <message>
        <source>Legal hold</source>
        <translation>Retención legal</translation>
    </message>
    <message>
        <source>While on, this case is never deleted for retention, whatever the agency&apos;s policy says.</source>
        <translation>Mientras esté activa, este caso nunca se elimina por el plazo de conservación, diga lo que diga la política de la agencia.</translation>
    </message>
    <message>
        <source>A supervisor or administrator puts a case under a legal hold.</source>
        <translation>Un supervisor o un administrador pone un caso en retención legal.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Other: %1</source>
        <translation>Otra: %1</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Función</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>I have written the code down</source>
        <translation>He anotado el código</translation>
    </message>
    <message>
        <source>If every passphrase is forgotten, this code is the only way to open the data. Write it on paper now and keep it locked away, apart from the laptop.</source>
        <translation>Si se olvidan todas las frases de contraseña, este código es la única forma de abrir los datos. Anótelo ahora en papel y guárdelo bajo llave, lejos del portátil.</translation>
    </message>
    <message>
        <source>It is shown only this once. Do not photograph it or save it on the laptop.</source>
        <translation>Solo se muestra esta vez. No lo fotografíe ni lo guarde en el portátil.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Last group of the recovery code</source>
        <translation>Último grupo del código de recuperación</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase &amp;again</source>
        <translation>Repita la &amp;frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Repita la frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase too short: %1 of at least 8 characters.</source>
        <translation>Frase de contraseña demasiado corta: %1 de al menos 8 caracteres.</translation>
    </message>
    <message>
        <source>Ready. The passphrases match.</source>
        <translation>Listo. Las frases de contraseña coinciden.</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Código de recuperación</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Set up this laptop</source>
        <translation>Configurar este portátil</translation>
    </message>
    <message>
        <source>Set up this laptop. Everything you record is stored encrypted on this laptop and opens only with your passphrase.</source>
        <translation>Configure este portátil. Todo lo que registre se guarda cifrado en este portátil y solo se abre con su frase de contraseña.</translation>
    </message>
    <message>
        <source>Setting up encryption. This takes a few seconds; please wait.</source>
        <translation>Preparando el cifrado. Tarda unos segundos; espere, por favor.</translation>
    </message>
    <message>
        <source>Thank you. The code will not be shown again.</source>
        <translation>Gracias. El código no se volverá a mostrar.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same yet.</source>
        <translation>Las dos frases de contraseña todavía no coinciden.</translation>
    </message>
    <message>
        <source>Tick the box once the code is written down.</source>
        <translation>Marque la casilla cuando haya anotado el código.</translation>
    </message>
    <message>
        <source>Type a user name.</source>
        <translation>Escriba un nombre de usuario.</translation>
    </message>
    <message>
        <source>Type the &amp;last group of the code (after the last dash)</source>
        <translation>Escriba el ú&amp;ltimo grupo del código (tras el último guion)</translation>
    </message>
    <message>
        <source>Type the last group of the code to confirm.</source>
        <translation>Escriba el último grupo del código para confirmar.</translation>
    </message>
    <message>
        <source>Use at least 8 characters. A short sentence is easier to remember and harder to guess, for example four unrelated words.</source>
        <translation>Use al menos 8 caracteres. Una frase corta es más fácil de recordar y más difícil de adivinar, por ejemplo cuatro palabras sin relación.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Welcome to Field Intake</source>
        <translation>Bienvenida a Field Intake</translation>
    </message>
    <message>
        <source>Your recovery code</source>
        <translation>Su código de recuperación</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>Lista de casos</translation>
    </message>
    <message>
        <source>Español</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Field Intake</source>
        <translation>Field Intake</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Main actions</source>
        <translation>Acciones principales</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>Caso nuevo</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Atajos</translation>
    </message>
    <message>
        <source>Signed in: %1</source>
        <translation>Sesión de: %1</translation>
    </message>
    <message>
        <source>For privacy this window locks in {seconds} seconds. Press any key or move the mouse to keep working.</source>
        <translation>Por privacidad, esta ventana se bloquea en {seconds} segundos. Pulse cualquier tecla o mueva el ratón para seguir trabajando.</translation>
    </message>
    <message>
        <source>Hide everything at once and show the lock screen (Esc three times)</source>
        <translation>Ocultarlo todo de inmediato y mostrar la pantalla de bloqueo (Esc tres veces)</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Quick exit</source>
        <translation>Salida rápida</translation>
    </message>
    <message>
        <source>Answers not saved yet</source>
        <translation>Respuestas aún sin guardar</translation>
    </message>
    <message>
        <source>{n} answers could not be saved yet: {problem} If you quit now they are lost. Free some space, then unlock to save them.</source>
        <translation>Aún no se pudieron guardar {n} respuestas: {problem} Si sale ahora, se perderán. Libere espacio y desbloquee para guardarlas.</translation>
    </message>
    <message>
        <source>Keep the app open</source>
        <translation>Mantener la aplicación abierta</translation>
    </message>
    <message>
        <source>Quit and lose them</source>
        <translation>Salir y perderlas</translation>
    </message>
    <message>
        <source>New recovery code</source>
        <translation>Nuevo código de recuperación</translation>
    </message>
    <message>
        <source>The recovery code was replaced after a user was removed. Write the new one down and keep it locked away; it is shown only once:</source>
        <translation>El código de recuperación se reemplazó al eliminar a un usuario. Anote el nuevo y guárdelo bajo llave; solo se muestra una vez:</translation>
    </message>
    <message>
        <source>I have written it down</source>
        <translation>Ya lo anoté</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>The new passphrase needs at least 8 characters.</source>
        <translation>La nueva frase de contraseña necesita al menos 8 caracteres.</translation>
    </message>
    <message>
        <source>The two new passphrases are not the same.</source>
        <translation>Las dos frases de contraseña nuevas no coinciden.</translation>
    </message>
    <message>
        <source>Forgot your passphrase?</source>
        <translation>¿Olvidó su frase de contraseña?</translation>
    </message>
    <message>
        <source>Type the recovery code that was written down when this laptop was set up, your user name, and a new passphrase. Nothing saved is lost.</source>
        <translation>Escriba el código de recuperación que se anotó al configurar este portátil, su usuario y una nueva frase de contraseña. No se pierde nada de lo guardado.</translation>
    </message>
    <message>
        <source>&amp;Recovery code</source>
        <translation>Código de &amp;recuperación</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>&amp;New passphrase</source>
        <translation>&amp;Nueva frase de contraseña</translation>
    </message>
    <message>
        <source>Re&amp;peat it</source>
        <translation>Re&amp;pítala</translation>
    </message>
    <message>
        <source>five groups of five characters</source>
        <translation>cinco grupos de cinco caracteres</translation>
    </message>
    <message>
        <source>Open with the recovery code</source>
        <translation>Abrir con el código de recuperación</translation>
    </message>
    <message>
        <source>Back to unlock</source>
        <translation>Volver a desbloquear</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Administrator</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Advocate</source>
        <translation>Acompañante de víctimas</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisión</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Add note</source>
        <translation>Añadir nota</translation>
    </message>
    <message>
        <source>Case list</source>
        <translation>Lista de casos</translation>
    </message>
    <message>
        <source>Copy case code</source>
        <translation>Copiar el código del caso</translation>
    </message>
    <message>
        <source>Doesn't know</source>
        <translation>No sabe</translation>
    </message>
    <message>
        <source>End for today</source>
        <translation>Terminar por hoy</translation>
    </message>
    <message>
        <source>Interviewer note</source>
        <translation>Nota para quien entrevista</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>Bloquear ahora</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>Caso nuevo</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>Pregunta siguiente</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Person-facing screen</source>
        <translation>Pantalla para la persona</translation>
    </message>
    <message>
        <source>Prefers not to say</source>
        <translation>Prefiere no decirlo</translation>
    </message>
    <message>
        <source>Previous question</source>
        <translation>Pregunta anterior</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>Registrar consentimiento</translation>
    </message>
    <message>
        <source>Save answer and go on</source>
        <translation>Guardar la respuesta y seguir</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>Buscar casos</translation>
    </message>
    <message>
        <source>Share with a partner</source>
        <translation>Compartir con una entidad asociada</translation>
    </message>
    <message>
        <source>Sharing and inbox</source>
        <translation>Envíos y bandeja de entrada</translation>
    </message>
    <message>
        <source>Show identifying details</source>
        <translation>Mostrar datos identificativos</translation>
    </message>
    <message>
        <source>Show preferred name</source>
        <translation>Mostrar el nombre preferido</translation>
    </message>
    <message>
        <source>Start interview</source>
        <translation>Iniciar entrevista</translation>
    </message>
    <message>
        <source>Switch language</source>
        <translation>Cambiar de idioma</translation>
    </message>
    <message>
        <source>Take a break</source>
        <translation>Hacer una pausa</translation>
    </message>
    <message>
        <source>Quick exit: hide everything at once</source>
        <translation>Salida rápida: ocultarlo todo de inmediato</translation>
    </message>
    <message>
        <source>Undo the last answer</source>
        <translation>Deshacer la última respuesta</translation>
    </message>
    <message>
        <source>Reports (supervisors and administrators)</source>
        <translation>Informes (supervisión y administración)</translation>
    </message>
    <message>
        <source>Backups (administrators)</source>
        <translation>Copias de seguridad (administración)</translation>
    </message>
</context>
<context>
    <name>Time</name>
    <message>
        <source>%1 h ago</source>
        <translation>hace %1 h</translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation>hace %1 min</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>hoy %1</translation>
    </message>
    <message>
        <source>yesterday %1</source>
        <translation>ayer %1</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>Forgot your passphrase? Use the recovery code</source>
        <translation>¿Olvidó su frase de contraseña? Use el código de recuperación</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;Usuario</translation>
    </message>
    <message>
        <source>Español</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Switch language</source>
        <translation>Cambiar de idioma</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Unlocking. This takes a few seconds.</source>
        <translation>Desbloqueando. Tarda unos segundos.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Ya puede volver a intentarlo.</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <source>Type your user name and passphrase to continue.</source>
        <translation>Escriba su nombre de usuario y su frase de contraseña para continuar.</translation>
    </message>
</context>
<context>
    <name>CaseAnswers</name>
    <message>
        <source>Doesn&apos;t know</source>
        <translation>No sabe</translation>
    </message>
    <message>
        <source>What each interview asked and what the person answered, in the interview&apos;s language. Identifying answers are hidden; showing them is recorded in the audit log.</source>
        <translation>Lo que se preguntó en cada entrevista y lo que respondió la persona, en el idioma de la entrevista. Las respuestas identificativas están ocultas; mostrarlas queda registrado en el registro de auditoría.</translation>
    </message>
    <message>
        <source>&amp;Interview:</source>
        <translation>&amp;Entrevista:</translation>
    </message>
    <message>
        <source>A user no longer on this laptop</source>
        <translation>Un usuario que ya no está en este portátil</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Before changes were kept</source>
        <translation>Antes de que se guardaran los cambios</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>Changed to</source>
        <translation>Cambió a</translation>
    </message>
    <message>
        <source>Changes to the selected answer</source>
        <translation>Cambios de la respuesta seleccionada</translation>
    </message>
    <message>
        <source>Changes to the selected answer, newest first:</source>
        <translation>Cambios de la respuesta seleccionada, del más reciente al más antiguo:</translation>
    </message>
    <message>
        <source>Hidden (identifying)</source>
        <translation>Oculta (identificativa)</translation>
    </message>
    <message>
        <source>Hide identifying answers</source>
        <translation>Ocultar respuestas identificativas</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>Entrevista</translation>
    </message>
    <message>
        <source>No answer (undone)</source>
        <translation>Sin respuesta (deshecha)</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>No interviews yet.</source>
        <translation>Todavía no hay entrevistas.</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>No se preguntó</translation>
    </message>
    <message>
        <source>Not in this interview guide: %1</source>
        <translation>No está en esta guía de entrevista: %1</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Prefers not to say</source>
        <translation>Prefiere no decirlo</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <source>Questions and answers</source>
        <translation>Preguntas y respuestas</translation>
    </message>
    <message>
        <source>Select an answer to see its changes.</source>
        <translation>Seleccione una respuesta para ver sus cambios.</translation>
    </message>
    <message>
        <source>Show identifying answers</source>
        <translation>Mostrar respuestas identificativas</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>completada</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
</context>
</TS>
