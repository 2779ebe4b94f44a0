export function PreferenceCenter() {
  return <section class="page"><h1>PreferenceCenter</h1></section>;
}
