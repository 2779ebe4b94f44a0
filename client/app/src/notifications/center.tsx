export function NotificationCenter() {
  return <section class="page"><h1>NotificationCenter</h1></section>;
}
