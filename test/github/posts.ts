/** Small posts for App tests: a clean one, and a defective one (a repeated paragraph, a cut-off ending). */
export const CLEAN = (n: number): string =>
  `---\nlayout: post\ntitle: "Release notes ${n}"\ndate: 2024-01-${String((n % 28) + 1).padStart(2, '0')} 10:00:00 +0000\n---\n\nThis release fixes a bug in the build of page ${n}. Thanks to everyone who reported it.\n`;

export const DEFECTIVE = (n: number, extra = ''): string => {
  const para = `Version ${n} fixes a bug in the build of page ${n}. Thanks to everyone who reported it.${extra}`;
  return `---\nlayout: post\ntitle: "Release notes ${n}"\ndate: 2024-01-${String((n % 28) + 1).padStart(2, '0')} 10:00:00 +0000\n---\n\n${para}\n\n${para}\n\nWe will explain the new cache of release ${n} in the next`;
};
