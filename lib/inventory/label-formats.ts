/** The label printers Jaring prints for: an A4 sheet of labels, a 58 mm roll, a 40×30 mm label. */
export const LABEL_FORMATS = ['a4', 'roll58', 'label40x30'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];
