import type { TruncationOptions } from '../config/truncation.js';
import type { Post } from '../post/post.js';
import { memoKey } from '../core/memo.js';
import { markerPattern } from '../text/markers.js';

const MARKERS = memoKey<RegExp | null>('generation markers');

/** The settings the marker pattern is made from: `truncation.markers`. */
export type MarkerOptions = Pick<TruncationOptions, 'markers'>;

/** The generation-marker pattern of `truncation.markers`, compiled once per post. */
export function markersOf(post: Post, options: MarkerOptions): RegExp | null {
  return post.memo.get(MARKERS, [options.markers], () => markerPattern(options.markers));
}
