/** Style sheets imported as text (Vite's `?inline`), for the elements' shadow roots. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
