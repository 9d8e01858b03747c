// Loaded in a fresh process by the import-time figure: imports the module named in argv
// (nothing for the empty-script baseline) and prints how long the import itself took.
const specifier = process.argv[2];
const started = performance.now();
if (specifier) await import(specifier);
process.stdout.write(String(performance.now() - started));
