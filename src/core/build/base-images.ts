/**
 * The images a Dockerfile builds FROM, so that a server that never pulls can refuse a build whose base image is
 * missing at once (a missing image makes the engine try a registry, which can hang on DNS for minutes).
 * Stage names, `scratch` and references that depend on build args (`$`) are left out: those cannot be checked.
 */
export function dockerfileBaseImages(dockerfile: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  // Continuation lines join their instruction; comments and parser directives start with #.
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const words = line.trim().split(/\s+/);
    if (words[0]?.toUpperCase() !== 'FROM') continue;
    const args = words.slice(1).filter((w) => !w.startsWith('--'));
    const image = args[0];
    if (!image) continue;
    const checkable = image !== 'scratch' && !image.includes('$') && !stages.has(image.toLowerCase());
    if (checkable && !images.includes(image)) images.push(image);
    if (args[1]?.toUpperCase() === 'AS' && args[2]) stages.add(args[2].toLowerCase());
  }
  return images;
}
