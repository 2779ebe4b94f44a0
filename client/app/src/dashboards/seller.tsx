export function SellerDashboard() {
  return <section class="page"><h1>SellerDashboard</h1></section>;
}
