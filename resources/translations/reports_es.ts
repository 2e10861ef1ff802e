<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <source>Period: {period}. Small counts are hidden; the rule is under each table.</source>
        <translation>Periodo: {period}. Los recuentos pequeños se ocultan; la regla está bajo cada tabla.</translation>
    </message>
    <message>
        <source>Export the report (no names; the file is not encrypted)</source>
        <translation>Exportar el informe (sin nombres; el archivo no está cifrado)</translation>
    </message>
    <message>
        <source>{format} files (*.{suffix})</source>
        <translation>Archivos {format} (*.{suffix})</translation>
    </message>
    <message>
        <source>Saved {file}. It holds no names, but it is not encrypted: keep it only as long as needed.</source>
        <translation>Se guardó {file}. No contiene nombres, pero no está cifrado: consérvelo solo el tiempo necesario.</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <source>A quarter (2026Q3), a month (2026-07), a year (2026) or dates (2026-07-01..2026-09-30)</source>
        <translation>Un trimestre (2026Q3), un mes (2026-07), un año (2026) o fechas (2026-07-01..2026-09-30)</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>&amp;Informe:</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>&amp;Calcular</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>Exportar XLSX…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Exportar PDF…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>The counts for {period} are ready to go to {agency}: they leave at the next sync. Counts only; nothing that names a person.</source>
        <translation>Los recuentos de {period} están listos para enviarse a {agency}: salen en la próxima sincronización. Solo recuentos; nada que nombre a una persona.</translation>
    </message>
    <message>
        <source>Send to…</source>
        <translation>Enviar a…</translation>
    </message>
    <message>
        <source>Send this agency&apos;s counts for the period (no names) to the partner agency that combines the task force&apos;s numbers</source>
        <translation>Enviar los recuentos de esta agencia para el periodo (sin nombres) a la agencia asociada que combina las cifras del grupo de trabajo</translation>
    </message>
    <message>
        <source>C&amp;ounts for a period</source>
        <translation>Rec&amp;uentos por periodo</translation>
    </message>
    <message>
        <source>&amp;Caseload now</source>
        <translation>&amp;Seguimiento de casos</translation>
    </message>
</context>
<context>
    <name>Retention</name>
    <message>
        <source>No case is due for deletion.</source>
        <translation>Ningún caso debe eliminarse ahora.</translation>
    </message>
    <message>
        <source>Delete cases</source>
        <translation>Eliminar casos</translation>
    </message>
    <message>
        <source>Delete these {count} cases for good?</source>
        <translation>¿Eliminar estos {count} casos para siempre?</translation>
    </message>
    <message>
        <source>Their interviews, answers, notes and consents go too, on every laptop of the agency. This cannot be undone.</source>
        <translation>También se eliminan sus entrevistas, respuestas, notas y consentimientos, en todos los portátiles de la agencia. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Delete {count} cases</source>
        <translation>Eliminar {count} casos</translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Eliminando…</translation>
    </message>
    <message>
        <source>{count} cases deleted.</source>
        <translation>{count} casos eliminados.</translation>
    </message>
    <message>
        <source>{count} kept: put under a legal hold or touched since they were listed.</source>
        <translation>{count} conservados: se pusieron en retención legal o se modificaron después de la lista.</translation>
    </message>
    <message>
        <source>Due for deletion</source>
        <translation>Para eliminar</translation>
    </message>
    <message>
        <source>Cases the agency&apos;s retention policy says are past their time, by code. A case under a legal hold is never listed.</source>
        <translation>Casos cuyo plazo de conservación según la política de la agencia ya pasó, por código. Un caso en retención legal nunca aparece aquí.</translation>
    </message>
    <message>
        <source>Case code</source>
        <translation>Código del caso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last activity or closure</source>
        <translation>Última actividad o cierre</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>Días de retraso</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>&amp;Volver a comprobar</translation>
    </message>
    <message>
        <source>&amp;Delete these {count} cases…</source>
        <translation>&amp;Eliminar estos {count} casos…</translation>
    </message>
    <message>
        <source>Delete the cases due for deletion</source>
        <translation>Eliminar los casos que deben eliminarse</translation>
    </message>
    <message>
        <source>Cases due for deletion</source>
        <translation>Casos para eliminar</translation>
    </message>
</context>
<context>
    <name>TaskForce</name>
    <message>
        <source>{report}, combined across agencies</source>
        <translation>{report}, combinado entre agencias</translation>
    </message>
    <message>
        <source>{name} (sent {day})</source>
        <translation>{name} (enviado el {day})</translation>
    </message>
    <message>
        <source>Combined from {n} agencies: this agency and {names}. Each agency sent only counts; counts under 5 stay hidden after adding up.</source>
        <translation>Combinado de {n} agencias: esta agencia y {names}. Cada agencia envió solo recuentos; los recuentos menores de 5 siguen ocultos tras sumarlos.</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>Send this agency&apos;s counts</source>
        <translation>Enviar los recuentos de esta agencia</translation>
    </message>
    <message>
        <source>The three reports for {period} leave as they are shown here: counts only, with counts under 5 hidden. No name, case code or note leaves. The partner agency can add them up with other agencies&apos; counts.</source>
        <translation>Los tres informes de {period} salen tal como se ven aquí: solo recuentos, con los menores de 5 ocultos. No sale ningún nombre, código de caso ni nota. La agencia asociada puede sumarlos con los recuentos de otras agencias.</translation>
    </message>
    <message>
        <source>&amp;Partner agency:</source>
        <translation>&amp;Agencia asociada:</translation>
    </message>
    <message>
        <source>No partner agency is confirmed yet. An administrator adds and confirms partner agencies on the Agency screen.</source>
        <translation>Aún no hay ninguna agencia asociada confirmada. Un administrador añade y confirma las agencias asociadas en la pantalla Agencia.</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Enviar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Supervision</name>
    <message>
        <source>Showing the {shown} most urgent of {count}.</source>
        <translation>Se muestran los {shown} más urgentes de {count}.</translation>
    </message>
    <message>
        <source>Looking through the caseload…</source>
        <translation>Revisando los casos…</translation>
    </message>
    <message>
        <source>Consents ending in the next {days} days: {count}</source>
        <translation>Consentimientos que terminan en los próximos {days} días: {count}</translation>
    </message>
    <message>
        <source>Follow-ups overdue: {count}</source>
        <translation>Seguimientos atrasados: {count}</translation>
    </message>
    <message>
        <source>Interviews left unfinished: {count}</source>
        <translation>Entrevistas sin terminar: {count}</translation>
    </message>
    <message>
        <source>What needs attention now, by case code: no name is shown here. Press Enter on a row to open its case. Demo cases are left out.</source>
        <translation>Lo que necesita atención ahora, por código de caso: aquí no se muestra ningún nombre. Pulse Intro en una fila para abrir su caso. Los casos de demostración no se cuentan.</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>&amp;Volver a comprobar</translation>
    </message>
    <message>
        <source>Look through the caseload again</source>
        <translation>Revisar los casos de nuevo</translation>
    </message>
    <message>
        <source>Consents not withdrawn whose last day falls within the next {days} days: ask the person whether to renew them.</source>
        <translation>Consentimientos no retirados cuyo último día cae en los próximos {days} días: pregunte a la persona si quiere renovarlos.</translation>
    </message>
    <message>
        <source>No consent expires in the next {days} days.</source>
        <translation>Ningún consentimiento vence en los próximos {days} días.</translation>
    </message>
    <message>
        <source>Case code</source>
        <translation>Código del caso</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Finalidad</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Días que quedan</translation>
    </message>
    <message>
        <source>Referrals still pending more than {days} days after they were made: ask the agency what happened.</source>
        <translation>Derivaciones aún pendientes más de {days} días después de hacerse: pregunte a la agencia qué pasó.</translation>
    </message>
    <message>
        <source>No referral has waited more than {days} days for an answer.</source>
        <translation>Ninguna derivación lleva más de {days} días esperando respuesta.</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Sent to</source>
        <translation>Enviada a</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>Hecha el</translation>
    </message>
    <message>
        <source>Days waiting</source>
        <translation>Días de espera</translation>
    </message>
    <message>
        <source>Interviews started and not completed, the longest untouched first.</source>
        <translation>Entrevistas empezadas y no terminadas; primero las que llevan más tiempo sin tocar.</translation>
    </message>
    <message>
        <source>No interview is left unfinished.</source>
        <translation>No queda ninguna entrevista sin terminar.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Empezada</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Última actividad</translation>
    </message>
    <message>
        <source>Days since</source>
        <translation>Días desde entonces</translation>
    </message>
    <message>
        <source>Consents ending soon</source>
        <translation>Consentimientos que terminan pronto</translation>
    </message>
    <message>
        <source>Follow-ups overdue</source>
        <translation>Seguimientos atrasados</translation>
    </message>
    <message>
        <source>Interviews left unfinished</source>
        <translation>Entrevistas sin terminar</translation>
    </message>
    <message>
        <source>Paused, to go on another day</source>
        <translation>En pausa, para seguir otro día</translation>
    </message>
    <message>
        <source>Sitting never ended</source>
        <translation>Sesión sin cerrar</translation>
    </message>
    <message>
        <source>Cases by status</source>
        <translation>Casos por estado</translation>
    </message>
    <message>
        <source>As of {time}: {expiring} consents ending soon, {overdue} follow-ups overdue, {unfinished} interviews left unfinished.</source>
        <translation>Situación a las {time}: {expiring} consentimientos que terminan pronto, {overdue} seguimientos atrasados, {unfinished} entrevistas sin terminar.</translation>
    </message>
</context>
</TS>
