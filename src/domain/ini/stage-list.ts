/** `campaign_stage_list`: names separated by commas (or line breaks), blanks around them ignored. */
export const parseStageList = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

export const formatStageList = (names: string[]): string => names.join(',');
