import L from 'leaflet';
import type { LatLngTuple } from './types';

/**
 * The part of the map the card hides: the bottom sheet on phones, the right-hand panel from
 * Tailwind's `md` up (see MapCard). What was tapped or found must stay in view beside it.
 */
function cardInset(map: L.Map) {
  const size = map.getSize();
  const wide = window.matchMedia('(min-width: 768px)').matches;
  return wide ? { right: 460, bottom: 24 } : { right: 24, bottom: Math.round(size.y * 0.55) + 70 };
}
const TOP = 90; // the search box

export function revealPoint(map: L.Map, at: LatLngTuple) {
  const inset = cardInset(map);
  map.panInside(at, { paddingTopLeft: [24, TOP], paddingBottomRight: [inset.right, inset.bottom] });
}

/**
 * Moves so that the point lands in the middle of what the card leaves visible: a short flight
 * nearby, a jump when it is far (a long flight zooms out over the whole region and takes seconds).
 */
export function flyToVisible(map: L.Map, at: LatLngTuple, zoom: number) {
  const inset = cardInset(map);
  const center = map.unproject(map.project(at, zoom).add(L.point(inset.right / 2, (inset.bottom - TOP) / 2)), zoom);
  if (map.getBounds().pad(1).contains(at)) map.flyTo(center, zoom);
  else map.setView(center, zoom, { animate: false });
}
