// File names of uploaded credentials, as the original POMS and its users' tools name them.

/** The vault token an analysis launch uses: `vt_<exp>_Analysis_<user>` (or lower-case analysis). */
export const vaultTokenNames = (experiment: string, user: string): string[] => [
  `vt_${experiment}_Analysis_${user}`,
  `vt_${experiment}_analysis_${user}`,
];

/** The analysis proxy: `x509up_voms_<exp>_Analysis_<user>`. */
export const proxyName = (experiment: string, user: string): string =>
  `x509up_voms_${experiment}_Analysis_${user}`;

/** Names an upload may have: no path, no leading dot, letters, digits and `_ . -`. */
export const UPLOAD_NAME = /^(?!\.)[A-Za-z0-9_.-]{1,200}$/;
