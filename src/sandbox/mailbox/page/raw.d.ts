// The mailbox's page files are imported as text: Vite (and so vitest) reads `?raw` itself,
// tsup through the plugin in tsup.config.ts.
declare module '*?raw' {
  const text: string;
  export default text;
}
