'use client';
import { useTranslations } from 'next-intl';
import { SelectField } from '@/components/ui/field';

export type PonPortChoice = { id: string; name: string; oltName: string; description: string | null };

/** The OLT PON port feeding an ODC or ODP (the map's topology; activation registers ONUs there). */
export function PonPortSelect({
  choices,
  value,
  error,
}: {
  choices: PonPortChoice[];
  value: string | null;
  error?: string;
}) {
  const t = useTranslations();
  return (
    <SelectField
      label={t('olts.ponPortField')}
      name="ponPortId"
      defaultValue={value ?? ''}
      error={error}
      hint={choices.length === 0 ? t('olts.ponPortFieldEmpty') : t('olts.ponPortFieldHint')}
      data-testid="pon-port-select"
      options={[
        { value: '', label: t('network.none') },
        ...choices.map((p) => ({
          value: p.id,
          label: `${p.oltName} · ${p.name}${p.description ? ` (${p.description})` : ''}`,
        })),
      ]}
    />
  );
}
