export function NotificationBell() {
  return <section class="page"><h1>NotificationBell</h1></section>;
}
