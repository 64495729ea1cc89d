// bpmnlint with the Camunda compatibility rules, resolved from a static cache that
// build.mjs generates (a bundle cannot require rules by name at run time).

import { Linter } from 'bpmnlint';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import { cache, configNames, DEFAULT_CONFIG } from './generated/lint-cache.js';

// `modeler:executionPlatformVersion="8.6.0"` on the definitions picks the rules of that
// Camunda version; files without it are checked against the newest stable version.
export function configFor(definitions) {
  const attrs = (definitions && definitions.$attrs) || {};
  const platform = Object.entries(attrs).find(([name]) => name.endsWith(':executionPlatform'));
  const version = Object.entries(attrs).find(([name]) => name.endsWith(':executionPlatformVersion'));
  if (version && !(platform && /platform/i.test(platform[1]))) {
    const [major, minor] = String(version[1]).split('.');
    const name = `camunda-cloud-${major}-${minor}`;
    if (configNames.includes(name)) {
      return name;
    }
  }
  return DEFAULT_CONFIG;
}

export async function lint(definitions) {
  const configName = configFor(definitions);
  const linter = new Linter({
    config: { extends: `plugin:camunda-compat/${configName}` },
    resolver: new StaticResolver(cache),
  });
  const results = await linter.lint(definitions);
  const findings = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      findings.push({
        rule,
        id: report.id,
        message: report.message,
        category: report.category,
      });
    }
  }
  findings.sort((a, b) => (a.category === b.category ? 0 : a.category === 'error' ? -1 : 1));
  return { configName, findings };
}
