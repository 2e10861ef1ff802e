<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AnswerEditor</name>
    <message>
        <location filename="../../intake_app/ui/interview/answer_editors.py" line="57"/>
        <location filename="../../intake_app/ui/interview/answer_editors.py" line="85"/>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/answer_editors.py" line="94"/>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/answer_editors.py" line="95"/>
        <source>Only the year (YYYY) or year and month (YYYY-MM) is fine.</source>
        <translation>Basta con el año (AAAA) o con el año y el mes (AAAA-MM).</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/answer_editors.py" line="102"/>
        <source>A number</source>
        <translation>Un número</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/answer_editors.py" line="104"/>
        <source>Any language, e.g. Spanish, Mam, K&apos;iche&apos;</source>
        <translation>Cualquier idioma, p. ej. español, mam, k&apos;iche&apos;</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Time (optional)</source>
        <translation>Hora (opcional)</translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>Leave the time empty when the person does not know it. Only the year (YYYY) or year and month (YYYY-MM) is fine too.</source>
        <translation>Deje la hora vacía si la persona no la sabe. También basta con el año (AAAA) o el año y el mes (AAAA-MM).</translation>
    </message>
    <message>
        <source>Hours and minutes, 00:00 to 23:59 (10 at night is 22:00).</source>
        <translation>Horas y minutos, de 00:00 a 23:59 (las 10 de la noche son las 22:00).</translation>
    </message>
</context>
<context>
    <name>BreakScreen</name>
    <message>
        <location filename="../../intake_app/ui/interview/break_screen.py" line="33"/>
        <source>Break</source>
        <translation>Descanso</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/break_screen.py" line="37"/>
        <source>Take the time you need.</source>
        <translation>Tómese el tiempo que necesite.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/break_screen.py" line="51"/>
        <source>Length of this break</source>
        <translation>Duración de este descanso</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/break_screen.py" line="55"/>
        <source>Everything so far is saved. Water, fresh air or a quiet minute can help.</source>
        <translation>Todo lo anterior está guardado. Un vaso de agua, aire fresco o un minuto de calma pueden ayudar.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/break_screen.py" line="63"/>
        <source>&amp;Resume the interview</source>
        <translation>&amp;Retomar la entrevista</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/break_screen.py" line="64"/>
        <source>Resume the interview</source>
        <translation>Retomar la entrevista</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/break_screen.py" line="68"/>
        <location filename="../../intake_app/ui/interview/break_screen.py" line="69"/>
        <source>End for today</source>
        <translation>Terminar por hoy</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/break_screen.py" line="97"/>
        <source>Break so far: {minutes} min {seconds:02d} s</source>
        <translation>Descanso hasta ahora: {minutes} min {seconds:02d} s</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="61"/>
        <source>Record consent</source>
        <translation>Registrar consentimiento</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="72"/>
        <source>Read the wording below to the person, in their language, and record only what they agree to. Nothing is chosen for them.</source>
        <translation>Lea a la persona el texto de abajo, en su idioma, y registre solo lo que acepte. No se marca nada por ella.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="95"/>
        <source>&amp;Purpose:</source>
        <translation>&amp;Finalidad:</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="99"/>
        <source>Choose a partner agency</source>
        <translation>Elija una agencia asociada</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="101"/>
        <source>No partner agencies yet: an admin adds them</source>
        <translation>Todavía no hay agencias asociadas: las agrega un administrador</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="106"/>
        <source>Partner agency that may receive the information</source>
        <translation>Agencia asociada que puede recibir la información</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="107"/>
        <source>Shared &amp;with:</source>
        <translation>Se comparte c&amp;on:</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="124"/>
        <source>What may be shared:</source>
        <translation>Qué se puede compartir:</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="147"/>
        <source>Ends &amp;on:</source>
        <translation>&amp;Termina el:</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="161"/>
        <source>How it was given:</source>
        <translation>Cómo lo dio:</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="163"/>
        <source>An &amp;interpreter helped</source>
        <translation>Ayudó un &amp;intérprete</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="164"/>
        <source>An interpreter helped</source>
        <translation>Ayudó un intérprete</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="173"/>
        <source>Language of the wording</source>
        <translation>Idioma del texto</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="176"/>
        <source>Wording &amp;language:</source>
        <translation>I&amp;dioma del texto:</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="182"/>
        <source>Read this to the person:</source>
        <translation>Lea esto a la persona:</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="188"/>
        <source>Consent wording for the person</source>
        <translation>Texto del consentimiento para la persona</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="196"/>
        <source>What is missing</source>
        <translation>Qué falta</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="201"/>
        <source>Print a &amp;copy for the person…</source>
        <translation>Imprimir una &amp;copia para la persona…</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="205"/>
        <source>&amp;Record consent</source>
        <translation>&amp;Registrar consentimiento</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="207"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="222"/>
        <source>Referral to services and support</source>
        <translation>Derivación a servicios y apoyo</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="223"/>
        <source>Coordinating the case between agencies</source>
        <translation>Coordinación del caso entre agencias</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="224"/>
        <source>Law enforcement investigation</source>
        <translation>Investigación policial</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="229"/>
        <source>Identity: name, date of birth (identifying)</source>
        <translation>Identidad: nombre, fecha de nacimiento (identificativo)</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="230"/>
        <source>Contact: phone, address (identifying)</source>
        <translation>Contacto: teléfono, dirección (identificativo)</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="231"/>
        <source>Experience: what happened</source>
        <translation>Experiencia: lo que pasó</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="232"/>
        <source>Needs: help they ask for</source>
        <translation>Necesidades: la ayuda que pide</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="233"/>
        <source>Safety situation</source>
        <translation>Situación de seguridad</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="234"/>
        <source>Immigration situation (identifying)</source>
        <translation>Situación migratoria (identificativo)</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="239"/>
        <source>Said yes out loud (&amp;verbal)</source>
        <translation>Dijo que sí en voz alta (&amp;verbal)</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="245"/>
        <source>English</source>
        <translation>Inglés (English)</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="245"/>
        <source>Spanish (español)</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="294"/>
        <source>The wording appears here once a purpose, a partner agency and at least one kind of information are chosen.</source>
        <translation>El texto aparece aquí cuando se eligen una finalidad, una agencia asociada y al menos un tipo de información.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="304"/>
        <source>Choose the partner agency that may receive it.</source>
        <translation>Elija la agencia asociada que puede recibirla.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="307"/>
        <source>Tick at least one kind of information the person agrees to share.</source>
        <translation>Marque al menos un tipo de información que la persona acepta compartir.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="311"/>
        <source>The end date has to be after today.</source>
        <translation>La fecha de fin tiene que ser posterior a hoy.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_dialog.py" line="315"/>
        <source>Choose how the person gave consent.</source>
        <translation>Elija cómo dio su consentimiento la persona.</translation>
    </message>
    <message>
        <source>Type the end date as year-month-day, for example %1.</source>
        <translation>Escriba la fecha de fin como año-mes-día, por ejemplo %1.</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Who gave it:</source>
        <translation>Quién lo dio:</translation>
    </message>
    <message>
        <source>In writin&amp;g: signed on paper</source>
        <translation>Por &amp;escrito: firmado en papel</translation>
    </message>
    <message>
        <source>&amp;Electronic: signed on screen</source>
        <translation>&amp;Electrónico: firmado en la pantalla</translation>
    </message>
    <message>
        <source>Why this cannot be recorded</source>
        <translation>Por qué no se puede registrar</translation>
    </message>
    <message>
        <source>A yes said out loud cannot release identifying information (name, date of birth, contact, immigration): this agency asks for it signed on paper or on screen. Untick those kinds of information, or choose how it was signed.</source>
        <translation>Un sí dicho en voz alta no permite compartir información que identifica (nombre, fecha de nacimiento, contacto, situación migratoria): esta agencia la pide firmada en papel o en la pantalla. Desmarque esos tipos de información o elija cómo se firmó.</translation>
    </message>
    <message>
        <source>The person may be under 18: identifying information needs the person&apos;s own consent (alone or with a parent or guardian), not a guardian&apos;s alone.</source>
        <translation>La persona puede ser menor de 18 años: la información que identifica necesita el consentimiento de la propia persona (sola o con su madre, padre o persona tutora), no solo el de la persona tutora.</translation>
    </message>
    <message>
        <source>The person may be under 18: identifying information needs both the person and a parent or guardian to consent. Choose “Both the person and a guardian”, or untick the identifying kinds of information.</source>
        <translation>La persona puede ser menor de 18 años: la información que identifica necesita el consentimiento de la persona y también de su madre, padre o persona tutora. Elija «La persona y su tutor o tutora (ambos)», o desmarque los tipos de información que identifican.</translation>
    </message>
    <message>
        <source>The person asked that nothing about them ever goes to this agency (the case&apos;s never-share list). Choose another agency.</source>
        <translation>La persona pidió que nunca se envíe nada sobre ella a esta agencia (la lista de «nunca compartir» del caso). Elija otra agencia.</translation>
    </message>
    <message>
        <source>This guardian is on the person&apos;s list of people not to contact or tell, so they cannot give consent for the person.</source>
        <translation>Esta persona tutora está en la lista de personas a las que no se debe contactar ni informar, así que no puede dar el consentimiento por la persona.</translation>
    </message>
    <message>
        <source>The end date can be at most %1 days from today (the agency&apos;s limit).</source>
        <translation>La fecha de fin puede ser, como máximo, dentro de %1 días (el límite de la agencia).</translation>
    </message>
    <message>
        <source>Another purpose (write it in words)</source>
        <translation>Otra finalidad (escríbala en palabras)</translation>
    </message>
</context>
<context>
    <name>EndScreen</name>
    <message>
        <location filename="../../intake_app/ui/interview/end_screen.py" line="20"/>
        <source>Interview complete</source>
        <translation>Entrevista completa</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/end_screen.py" line="23"/>
        <source>The interview is complete</source>
        <translation>La entrevista está completa</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/end_screen.py" line="28"/>
        <source>Every question has an answer or a recorded choice not to answer. All of it is saved.</source>
        <translation>Cada pregunta tiene una respuesta o la decisión registrada de no responder. Todo está guardado.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/end_screen.py" line="44"/>
        <source>Screening (decision support, not a finding about the person)</source>
        <translation>Detección (apoyo para decidir, no una conclusión sobre la persona)</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/end_screen.py" line="49"/>
        <source>Screening result</source>
        <translation>Resultado de la detección</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/end_screen.py" line="63"/>
        <source>Possible minor: mandatory reporting</source>
        <translation>Posible menor de edad: obligación de denunciar</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/end_screen.py" line="68"/>
        <source>Mandatory reporting reminder</source>
        <translation>Recordatorio de la obligación de denunciar</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/end_screen.py" line="76"/>
        <source>Before sharing anything with a partner, record the person&apos;s consent ({keys} on the case page).</source>
        <translation>Antes de compartir nada con una agencia asociada, registre el consentimiento de la persona ({keys} en la página del caso).</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/end_screen.py" line="84"/>
        <location filename="../../intake_app/ui/interview/end_screen.py" line="85"/>
        <source>Review the answers</source>
        <translation>Revisar las respuestas</translation>
    </message>
    <message>
        <source>Back to the case</source>
        <translation>Volver al caso</translation>
    </message>
</context>
<context>
    <name>InterviewPage</name>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="146"/>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="149"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="152"/>
        <source>Person&apos;s screen</source>
        <translation>Pantalla de la persona</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="154"/>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="440"/>
        <source>Break</source>
        <translation>Descanso</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="156"/>
        <source>End for today</source>
        <translation>Terminar por hoy</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="220"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="234"/>
        <source>This does not look complete yet. Check the format shown.</source>
        <translation>Esto todavía no parece completo. Revise el formato indicado.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="240"/>
        <source>Nothing entered yet. Type or choose an answer, or use “Prefers not to say”, “Not now” or “Doesn&apos;t know”. Next moves on without recording.</source>
        <translation>Todavía no hay nada. Escriba o elija una respuesta, o use «Prefiere no decirlo», «Ahora no» o «No sabe». «Siguiente» avanza sin registrar nada.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="359"/>
        <source>Saved ✓</source>
        <translation>Guardado ✓</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="366"/>
        <source>Not saved — retrying</source>
        <translation>Sin guardar: reintentando</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/interview_page.py" line="431"/>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Follow your agency&apos;s safety procedure before the person leaves.</source>
        <translation>Siga el procedimiento de seguridad de su agencia antes de que la persona se vaya.</translation>
    </message>
    <message>
        <source>The screen just changed. Check the question, then choose again.</source>
        <translation>La pantalla acaba de cambiar. Revise la pregunta y vuelva a elegir.</translation>
    </message>
    <message>
        <source>Undone. The question is open again.</source>
        <translation>Deshecho. La pregunta vuelve a estar abierta.</translation>
    </message>
    <message>
        <source>This answer is outside what the interview guide accepts for this question, so it was not saved. Check it, or use “Prefers not to say”.</source>
        <translation>Esta respuesta queda fuera de lo que la guía de entrevista acepta para esta pregunta, así que no se guardó. Revísela, o use «Prefiere no decirlo».</translation>
    </message>
</context>
<context>
    <name>NotePanel</name>
    <message>
        <location filename="../../intake_app/ui/interview/note_panel.py" line="19"/>
        <location filename="../../intake_app/ui/interview/note_panel.py" line="22"/>
        <location filename="../../intake_app/ui/interview/note_panel.py" line="35"/>
        <source>Interviewer note</source>
        <translation>Nota para quien entrevista</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/note_panel.py" line="25"/>
        <source>Why we ask, and how to ask</source>
        <translation>Por qué preguntamos y cómo preguntar</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/note_panel.py" line="44"/>
        <source>Sensitivity: low</source>
        <translation>Sensibilidad: baja</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/note_panel.py" line="45"/>
        <source>Sensitivity: medium</source>
        <translation>Sensibilidad: media</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/note_panel.py" line="46"/>
        <source>Sensitivity: high. Go gently; offer a pause.</source>
        <translation>Sensibilidad: alta. Vaya con calma; ofrezca una pausa.</translation>
    </message>
</context>
<context>
    <name>PacingBanner</name>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="57"/>
        <source>Pacing suggestion</source>
        <translation>Sugerencia de ritmo</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="67"/>
        <source>You could say: “{words}”</source>
        <translation>Podría decir: «{words}»</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="85"/>
        <source>Remind the person that they can skip any question and stop at any time.</source>
        <translation>Recuerde a la persona que puede saltarse cualquier pregunta y parar cuando quiera.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="88"/>
        <source>Difficult questions come next. Check in with the person before you go on.</source>
        <translation>Vienen preguntas difíciles. Pregunte a la persona cómo está antes de seguir.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="90"/>
        <source>Several hard questions in a row. Offer a pause.</source>
        <translation>Varias preguntas difíciles seguidas. Ofrezca una pausa.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="91"/>
        <source>It has been a while since the last break. Offer one.</source>
        <translation>Ha pasado un buen rato desde el último descanso. Ofrezca uno.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="93"/>
        <source>This has been a long session. Offer to continue another day.</source>
        <translation>La sesión ya es larga. Ofrezca continuar otro día.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="98"/>
        <source>Continue</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="99"/>
        <source>Start a break</source>
        <translation>Empezar un descanso</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="101"/>
        <source>Done, I told them</source>
        <translation>Hecho, ya se lo dije</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="103"/>
        <source>Checked in, go on</source>
        <translation>Ya pregunté, seguir</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="105"/>
        <source>End for today</source>
        <translation>Terminar por hoy</translation>
    </message>
</context>
<context>
    <name>PersonFacing</name>
    <message>
        <location filename="../../intake_app/ui/interview/answer_editors.py" line="27"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/answer_editors.py" line="28"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="24"/>
        <source>who I am (name, date of birth)</source>
        <translation>quién soy (nombre, fecha de nacimiento)</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="25"/>
        <source>how to contact me (phone, address)</source>
        <translation>cómo comunicarse conmigo (teléfono, dirección)</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="26"/>
        <source>what happened to me</source>
        <translation>lo que me pasó</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="27"/>
        <source>the help I need</source>
        <translation>la ayuda que necesito</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="28"/>
        <source>my safety situation</source>
        <translation>mi situación de seguridad</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="29"/>
        <source>my immigration situation</source>
        <translation>mi situación migratoria</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="32"/>
        <source>to connect me with services and support</source>
        <translation>para ponerme en contacto con servicios y apoyo</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="35"/>
        <source>for the police to investigate what happened</source>
        <translation>para que la policía investigue lo que pasó</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="38"/>
        <source>so the agencies helping me can work together on my case</source>
        <translation>para que las agencias que me ayudan trabajen juntas en mi caso</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="43"/>
        <source>You said yes out loud.</source>
        <translation>Usted dijo que sí en voz alta.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="44"/>
        <source>You agreed in writing.</source>
        <translation>Usted lo aceptó por escrito.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="45"/>
        <source>You signed it.</source>
        <translation>Usted lo firmó.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="47"/>
        <source>I agree that {recipient} may receive this information about me: {what}.</source>
        <translation>Acepto que {recipient} reciba esta información sobre mí: {what}.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="50"/>
        <source>It may be used only {purpose}.</source>
        <translation>Solo se puede usar {purpose}.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="51"/>
        <source>This agreement lasts until {date}. After that date nothing more is shared unless I agree again.</source>
        <translation>Este acuerdo es válido hasta el {date}. Después de esa fecha no se comparte nada más, salvo que yo lo acepte de nuevo.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="56"/>
        <source>I can withdraw this agreement at any time, without giving a reason. If I do, {recipient} will be told. Saying no, or withdrawing, does not change the help I receive.</source>
        <translation>Puedo retirar este acuerdo en cualquier momento, sin dar explicaciones. Si lo retiro, se le avisará a {recipient}. Decir que no, o retirarlo, no cambia la ayuda que recibo.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="61"/>
        <source>This was explained to me with the help of an interpreter.</source>
        <translation>Me lo explicaron con la ayuda de un intérprete.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="64"/>
        <source>and</source>
        <translation>y</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="66"/>
        <source>Your agreement to share information</source>
        <translation>Su acuerdo para compartir información</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="67"/>
        <source>What you agreed to</source>
        <translation>Lo que usted aceptó</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="68"/>
        <source>With whom</source>
        <translation>Con quién</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="69"/>
        <source>What may be shared</source>
        <translation>Qué se puede compartir</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="70"/>
        <source>What for</source>
        <translation>Para qué</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="71"/>
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="72"/>
        <source>Agreed on</source>
        <translation>Fecha del acuerdo</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="73"/>
        <source>How you agreed</source>
        <translation>Cómo lo aceptó</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="74"/>
        <source>If you change your mind</source>
        <translation>Si cambia de opinión</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="75"/>
        <source>You can withdraw this agreement at any time, for any reason, and you do not have to explain why. Tell the person who helped you today, or anyone at the agency that gave you this paper. We will tell {recipient} to stop using your information. The help you receive will not change.</source>
        <translation>Puede retirar este acuerdo en cualquier momento, por cualquier motivo, y no tiene que explicar por qué. Dígaselo a la persona que le atendió hoy o a cualquier persona de la agencia que le dio este papel. Le pediremos a {recipient} que deje de usar su información. La ayuda que recibe no cambiará.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/consent_wording.py" line="82"/>
        <source>This paper does not show your name. Keep it somewhere safe, or ask us to keep it for you.</source>
        <translation>Este papel no muestra su nombre. Guárdelo en un lugar seguro, o pídanos que lo guardemos por usted.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="24"/>
        <source>You can skip any question, and you can stop at any time. That is completely okay.</source>
        <translation>Puede saltarse cualquier pregunta y puede parar cuando quiera. Está totalmente bien.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="28"/>
        <source>The next questions are about difficult things. How are you feeling? We can take a break first.</source>
        <translation>Las próximas preguntas son sobre cosas difíciles. ¿Cómo se siente? Si quiere, primero tomamos un descanso.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="33"/>
        <source>Those were hard questions. Would you like to pause for a moment?</source>
        <translation>Esas fueron preguntas difíciles. ¿Quiere hacer una pausa un momento?</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="36"/>
        <source>We have been talking for a while. Would you like a break?</source>
        <translation>Llevamos un rato hablando. ¿Quiere tomar un descanso?</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/pacing_banner.py" line="39"/>
        <source>We can stop here and continue another day, if you prefer.</source>
        <translation>Si prefiere, podemos parar aquí y seguir otro día.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/translations.py" line="48"/>
        <source>MMMM d, yyyy</source>
        <translation>d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/translations.py" line="50"/>
        <source>You may skip this question. You can stop at any time.</source>
        <translation>Puede saltarse esta pregunta. Puede parar cuando quiera.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/translations.py" line="53"/>
        <source>We are taking a break. Take the time you need.</source>
        <translation>Estamos en un descanso. Tómese el tiempo que necesite.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/translations.py" line="55"/>
        <source>Thank you for your time.</source>
        <translation>Gracias por su tiempo.</translation>
    </message>
    <message>
        <source>Before we go on: because you may be under 18, there are some things I have to share to keep you safe. I will always tell you what I share, with whom, and what happens next. You can still skip any question.</source>
        <translation>Antes de seguir: como podría tener menos de 18 años, hay algunas cosas que tengo que compartir para protegerle. Siempre le diré qué comparto, con quién y qué pasará después. Puede seguir saltándose cualquier pregunta.</translation>
    </message>
    <message>
        <source>Signatures (the agency&apos;s copy)</source>
        <translation>Firmas (copia de la agencia)</translation>
    </message>
    <message>
        <source>Signature of the person</source>
        <translation>Firma de la persona</translation>
    </message>
    <message>
        <source>Signature of the parent or guardian</source>
        <translation>Firma de la madre, el padre o la persona tutora</translation>
    </message>
    <message>
        <source>Signature of the staff member who explained it</source>
        <translation>Firma de quien lo explicó (personal de la agencia)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Print this twice: one copy is signed and kept by the agency (scanned into the case, encrypted); the other, unsigned, is yours.</source>
        <translation>Imprímalo dos veces: una copia se firma y la guarda la agencia (escaneada en el caso, cifrada); la otra, sin firmar, es para usted.</translation>
    </message>
    <message>
        <source>for this purpose: {words}</source>
        <translation>para esta finalidad: {words}</translation>
    </message>
</context>
<context>
    <name>QuestionPanel</name>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="35"/>
        <source>Identifying: optional, shared only with consent</source>
        <translation>Identificativo: opcional, solo se comparte con consentimiento</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="37"/>
        <source>This question asks for identifying details</source>
        <translation>Esta pregunta pide datos que identifican a la persona</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="57"/>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="77"/>
        <source>Prefers not to say</source>
        <translation>Prefiere no decirlo</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="78"/>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="79"/>
        <source>Doesn&apos;t know</source>
        <translation>No sabe</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="85"/>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="87"/>
        <source>Save and continue</source>
        <translation>Guardar y seguir</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="90"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="116"/>
        <source>Question {number} of {total}</source>
        <translation>Pregunta {number} de {total}</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="122"/>
        <source>In your language: {text}</source>
        <translation>En su idioma: {text}</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="143"/>
        <source>Recorded: prefers not to say.</source>
        <translation>Registrado: prefiere no decirlo.</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="144"/>
        <source>Recorded: not asked yet (not now).</source>
        <translation>Registrado: todavía no se preguntó (ahora no).</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/question_panel.py" line="145"/>
        <source>Recorded: doesn&apos;t know.</source>
        <translation>Registrado: no sabe.</translation>
    </message>
    <message>
        <source>Answer not saved</source>
        <translation>Respuesta no guardada</translation>
    </message>
</context>
<context>
    <name>SectionList</name>
    <message>
        <location filename="../../intake_app/ui/interview/section_list.py" line="21"/>
        <source>Sections</source>
        <translation>Secciones</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/section_list.py" line="52"/>
        <source>no questions for now</source>
        <translation>sin preguntas por ahora</translation>
    </message>
    <message>
        <location filename="../../intake_app/ui/interview/section_list.py" line="57"/>
        <source>{answered} of {visible} done</source>
        <translation>{answered} de {visible} hechas</translation>
    </message>
</context>
<context>
    <name>InterviewBar</name>
    <message>
        <source>Person&apos;s screen</source>
        <translation>Pantalla de la persona</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Descanso</translation>
    </message>
    <message>
        <source>End for today</source>
        <translation>Terminar por hoy</translation>
    </message>
    <message>
        <source>Not saved yet ({n} waiting, kept here and retried): {problem}</source>
        <translation>Aún sin guardar ({n} en espera, se conservan aquí y se reintenta): {problem}</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>Saved ✓</source>
        <translation>Guardado ✓</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
</context>
<context>
    <name>MinorGate</name>
    <message>
        <source>Before you go on: this person may be under 18</source>
        <translation>Antes de seguir: esta persona podría ser menor de 18 años</translation>
    </message>
    <message>
        <source>End for today</source>
        <translation>Terminar por hoy</translation>
    </message>
    <message>
        <source>I told them; continue</source>
        <translation>Ya se lo dije; continuar</translation>
    </message>
    <message>
        <source>Mandatory reporting reminder</source>
        <translation>Recordatorio de la obligación de denunciar</translation>
    </message>
    <message>
        <source>Possible minor: mandatory reporting</source>
        <translation>Posible menor de edad: obligación de denunciar</translation>
    </message>
    <message>
        <source>Start a break</source>
        <translation>Empezar un descanso</translation>
    </message>
    <message>
        <source>Tell the person now, before any question about what happened:</source>
        <translation>Dígaselo ahora a la persona, antes de cualquier pregunta sobre lo que pasó:</translation>
    </message>
</context>
<context>
    <name>SafetyAlert</name>
    <message>
        <source>Your agency&apos;s safety steps</source>
        <translation>Los pasos de seguridad de su agencia</translation>
    </message>
    <message>
        <source>Close the safety alert</source>
        <translation>Cerrar el aviso de seguridad</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Safety alert</source>
        <translation>Aviso de seguridad</translation>
    </message>
    <message>
        <source>Safety first: this answer may mean the person is in danger now.</source>
        <translation>Primero la seguridad: esta respuesta puede significar que la persona está en peligro ahora.</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Question {n}: recorded as “doesn&apos;t know”.</source>
        <translation>Pregunta {n}: registrada como «no sabe».</translation>
    </message>
    <message>
        <source>Last answer</source>
        <translation>Última respuesta</translation>
    </message>
    <message>
        <source>Question {n}: answer recorded.</source>
        <translation>Pregunta {n}: respuesta registrada.</translation>
    </message>
    <message>
        <source>Question {n}: recorded as “not now”.</source>
        <translation>Pregunta {n}: registrada como «ahora no».</translation>
    </message>
    <message>
        <source>Question {n}: recorded as “prefers not to say”.</source>
        <translation>Pregunta {n}: registrada como «prefiere no decirlo».</translation>
    </message>
    <message>
        <source>Undo the last answer</source>
        <translation>Deshacer la última respuesta</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
</context>
<context>
    <name>Interview</name>
    <message>
        <source>1. Ask whether the person is safe in this room and where the danger is. 2. Do not let them leave alone for a place that is not safe: offer shelter tonight. 3. If someone may come here or hurt them now, call your supervisor and, with the person&apos;s agreement, emergency services. 4. Make a safety plan together before the interview ends.</source>
        <translation>1. Pregunte si la persona está a salvo en esta sala y de dónde viene el peligro. 2. No deje que se vaya sola a un lugar que no es seguro: ofrézcale refugio esta noche. 3. Si alguien puede venir aquí o hacerle daño ahora, llame a su supervisor y, con el acuerdo de la persona, a los servicios de emergencia. 4. Hagan juntos un plan de seguridad antes de terminar la entrevista.</translation>
    </message>
    <message>
        <source>our programme</source>
        <translation>nuestro programa</translation>
    </message>
    <message>
        <source>your interviewer</source>
        <translation>su entrevistador o entrevistadora</translation>
    </message>
    <message>
        <source>In progress elsewhere</source>
        <translation>En curso en otro portátil</translation>
    </message>
    <message>
        <source>Take it over</source>
        <translation>Continuarla aquí</translation>
    </message>
    <message>
        <source>Leave it there</source>
        <translation>Dejarla allí</translation>
    </message>
</context>
<context>
    <name>ConsentPrintPreview</name>
    <message>
        <source>Preview of the person&apos;s copy</source>
        <translation>Vista previa de la copia para la persona</translation>
    </message>
    <message>
        <source>No printer is set up on this laptop. Use “Save as PDF…” to choose where a copy goes: that file is not encrypted.</source>
        <translation>No hay ninguna impresora configurada en este portátil. Use «Guardar como PDF…» para elegir dónde va una copia: ese archivo no está cifrado.</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save a PDF copy: it is not encrypted</source>
        <translation>Guardar una copia en PDF: no está cifrada</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
    <message>
        <source>Save unencrypted PDF</source>
        <translation>Guardar PDF sin cifrar</translation>
    </message>
    <message>
        <source>Saved. Keep the file only as long as it is needed, then delete it.</source>
        <translation>Guardado. Conserve el archivo solo mientras haga falta y después bórrelo.</translation>
    </message>
    <message>
        <source>That printer writes a file. Use “Save as PDF…” instead.</source>
        <translation>Esa impresora escribe un archivo. Use «Guardar como PDF…» en su lugar.</translation>
    </message>
</context>
<context>
    <name>StartInterviewDialog</name>
    <message>
        <source>&amp;Guide:</source>
        <translation>&amp;Guía:</translation>
    </message>
    <message>
        <source>&amp;Language of the questions:</source>
        <translation>&amp;Idioma de las preguntas:</translation>
    </message>
    <message>
        <source>&amp;Start interview</source>
        <translation>&amp;Empezar la entrevista</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Choose the guide and the language the person is most comfortable in. Both stay with this interview when it is resumed.</source>
        <translation>Elija la guía y el idioma en el que la persona se sienta más cómoda. Ambos se mantienen en esta entrevista cuando se retome.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés (English)</translation>
    </message>
    <message>
        <source>Interview guide</source>
        <translation>Guía de entrevista</translation>
    </message>
    <message>
        <source>Language the questions are asked in</source>
        <translation>Idioma en que se hacen las preguntas</translation>
    </message>
    <message>
        <source>Spanish (español)</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Start an interview</source>
        <translation>Empezar una entrevista</translation>
    </message>
</context>
<context>
    <name>WhoConsented</name>
    <message>
        <source>&amp;The person</source>
        <translation>&amp;La persona</translation>
    </message>
    <message>
        <source>A parent or g&amp;uardian</source>
        <translation>La madre, el padre o una persona t&amp;utora</translation>
    </message>
    <message>
        <source>&amp;Both the person and a guardian</source>
        <translation>La persona y su tutor o tutora (&amp;ambos)</translation>
    </message>
    <message>
        <source>Guardian&apos;s name</source>
        <translation>Nombre de la persona tutora</translation>
    </message>
    <message>
        <source>Write the name of the parent or guardian who gave consent.</source>
        <translation>Escriba el nombre de la madre, el padre o la persona tutora que dio el consentimiento.</translation>
    </message>
</context>
<context>
    <name>ConsentEnds</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-DD</translation>
    </message>
    <message>
        <source>Consent ends on</source>
        <translation>El consentimiento termina el</translation>
    </message>
    <message>
        <source>Calen&amp;dar…</source>
        <translation>Calen&amp;dario…</translation>
    </message>
    <message>
        <source>Choose the end date on a calendar</source>
        <translation>Elegir la fecha de fin en un calendario</translation>
    </message>
    <message>
        <source>(after today, at most %1 days)</source>
        <translation>(después de hoy, como máximo %1 días)</translation>
    </message>
</context>
<context>
    <name>HowGiven</name>
    <message>
        <source>Clear the signature</source>
        <translation>Borrar la firma</translation>
    </message>
    <message>
        <source>Ask the person to sign in the box (or choose another way).</source>
        <translation>Pida a la persona que firme en el recuadro (o elija otra forma).</translation>
    </message>
</context>
<context>
    <name>Consent</name>
    <message>
        <source>Signature box: sign with the mouse, a pen or a finger</source>
        <translation>Recuadro de firma: firme con el ratón, un lápiz o el dedo</translation>
    </message>
</context>
<context>
    <name>PurposeChoice</name>
    <message>
        <source>Choose a purpose</source>
        <translation>Elija una finalidad</translation>
    </message>
    <message>
        <source>Purpose of sharing</source>
        <translation>Finalidad de compartir</translation>
    </message>
    <message>
        <source>Choose what the information will be used for.</source>
        <translation>Elija para qué se usará la información.</translation>
    </message>
    <message>
        <source>The purpose, as the person agrees to it</source>
        <translation>La finalidad, tal como la persona la acepta</translation>
    </message>
    <message>
        <source>The other purpose, in words</source>
        <translation>La otra finalidad, en palabras</translation>
    </message>
    <message>
        <source>Write the other purpose in words, as the person agrees to it.</source>
        <translation>Escriba la otra finalidad en palabras, tal como la persona la acepta.</translation>
    </message>
</context>
</TS>
