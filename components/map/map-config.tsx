'use client';
import { createContext, type ReactNode, useContext } from 'react';

/** The tile server, chosen by the operator at run time (MAP_TILE_URL); empty = markers only. */
const TileUrl = createContext<string>('');

export function MapConfig({ tileUrl, children }: { tileUrl: string; children: ReactNode }) {
  return <TileUrl.Provider value={tileUrl}>{children}</TileUrl.Provider>;
}

export const useTileUrl = () => useContext(TileUrl);
