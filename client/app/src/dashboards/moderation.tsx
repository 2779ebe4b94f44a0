export function ModerationQueue() {
  return <section class="page"><h1>ModerationQueue</h1></section>;
}
