export function webExtRunArgs(o: {
  firefox: boolean;
  isRoot: boolean;
  demoUrl: string;
  exists: (path: string) => boolean;
}): string[];
