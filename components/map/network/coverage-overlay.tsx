'use client';
import { useLocale } from 'next-intl';
import { Circle, Marker, Polyline, Tooltip } from 'react-leaflet';
import { pinIcon } from './icons';
import { formatDistance } from './styles';
import type { CoverageAnswer, LatLngTuple } from './types';

/**
 * The coverage answer drawn on the map: the radius around the tapped point and a line to each
 * nearby ODP with a free port, labelled with its distance.
 */
export function CoverageOverlay({ at, answer }: { at: LatLngTuple; answer: CoverageAnswer | undefined }) {
  const locale = useLocale();
  return (
    <>
      <Marker position={at} icon={pinIcon()} interactive={false} />
      {answer && (
        <>
          <Circle
            center={at}
            radius={answer.radiusM}
            pathOptions={{ color: answer.verdict.ok ? '#059669' : '#d97706', weight: 2, fillOpacity: 0.08 }}
            interactive={false}
          />
          {answer.nearest.map((o, i) => (
            <Polyline
              key={o.id}
              positions={[at, [o.lat, o.lng]]}
              pathOptions={{ color: i === 0 ? '#059669' : '#64748b', weight: i === 0 ? 3 : 2, dashArray: '6 6' }}
              className="map-coverage-line"
              interactive={false}
            >
              <Tooltip permanent direction="center" className="map-distance">
                {formatDistance(o.distanceM, locale)}
              </Tooltip>
            </Polyline>
          ))}
        </>
      )}
    </>
  );
}
