/**
 * A route link for a phone: Google Maps directions to the point (opens the Maps app when it is
 * installed, the website otherwise). Pure, so the map's browser code can use it too.
 */
export const routeUrl = (lat: number, lng: number) =>
  `https://www.google.com/maps/dir/?api=1&destination=${lat.toFixed(6)},${lng.toFixed(6)}`;
