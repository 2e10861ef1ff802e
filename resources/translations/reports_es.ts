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
        <source>&amp;Run</source>
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
</context>
</TS>
