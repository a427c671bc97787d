import { createContext, use } from 'react';

/** Where the signed-in person may go (from navigation.ts, filtered by their permissions). */
export type Place = { path: string; label: string };

// Pages read this instead of importing navigation.ts, which imports the pages (no cycle).
export const PlacesContext = createContext<Place[]>([]);
export const usePlaces = () => use(PlacesContext);
