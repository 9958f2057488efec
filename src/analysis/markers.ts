import type { Config } from '../config/schema.js';
import type { Post } from '../post/post.js';
import { memoKey } from '../core/memo.js';
import { markerPattern } from '../text/markers.js';

const MARKERS = memoKey<RegExp | null>('generation markers');

/** The generation-marker pattern of `config` (`truncation.markers`), compiled once per post. */
export function markersOf(post: Post, config: Config): RegExp | null {
  return post.memo.get(MARKERS, [config.truncation.markers], () => markerPattern(config.truncation.markers));
}
