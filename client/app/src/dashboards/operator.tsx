export function OperatorDashboard() {
  return <section class="page"><h1>OperatorDashboard</h1></section>;
}
