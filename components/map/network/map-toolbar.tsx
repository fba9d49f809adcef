'use client';
import {
  Cable,
  Check,
  Layers,
  LocateFixed,
  type LucideIcon,
  MapPinPlus,
  Pencil,
  Radar,
  SquarePlus,
} from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { Tool } from './types';

function ToolButton({
  icon: Icon,
  label,
  pressed,
  onClick,
  testId,
  disabled,
}: {
  icon: LucideIcon;
  label: string;
  pressed?: boolean;
  onClick: () => void;
  testId: string;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={pressed}
      disabled={disabled}
      data-testid={testId}
      className={`flex min-w-0 flex-1 flex-col items-center justify-center gap-0.5 rounded-lg px-1 text-[11px] leading-tight font-medium disabled:opacity-50 ${
        pressed
          ? 'bg-brand-600 text-white'
          : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'
      }`}
    >
      <Icon size={20} aria-hidden />
      <span className="max-w-full truncate">{label}</span>
    </button>
  );
}

/**
 * The map's tools in one row at the bottom, where a thumb reaches on a phone. In edit mode
 * the row swaps to the editing tools.
 */
export function MapToolbar({
  tool,
  editing,
  canManage,
  layersOpen,
  locating,
  onTool,
  onLayers,
  onLocate,
  onEditing,
}: {
  tool: Tool;
  editing: boolean;
  canManage: boolean;
  layersOpen: boolean;
  locating: boolean;
  onTool: (tool: Tool) => void;
  onLayers: () => void;
  onLocate: () => void;
  onEditing: (on: boolean) => void;
}) {
  const t = useTranslations('map.tools');
  const toggle = (next: Tool) => onTool(tool === next ? 'view' : next);
  return (
    <div
      role="toolbar"
      aria-label={t('label')}
      className="absolute inset-x-0 bottom-0 z-[1050] flex h-[3.75rem] gap-1 border-t border-slate-200 bg-white/95 p-1 md:inset-x-auto md:bottom-3 md:left-3 md:w-[30rem] md:rounded-xl md:border md:shadow-lg dark:border-slate-800 dark:bg-slate-900/95"
    >
      {editing ? (
        <>
          <ToolButton
            icon={Check}
            label={t('doneEditing')}
            pressed
            onClick={() => onEditing(false)}
            testId="map-edit"
          />
          <ToolButton
            icon={MapPinPlus}
            label={t('addOdp')}
            pressed={tool === 'add-odp'}
            onClick={() => toggle('add-odp')}
            testId="tool-add-odp"
          />
          <ToolButton
            icon={SquarePlus}
            label={t('addSite')}
            pressed={tool === 'add-site'}
            onClick={() => toggle('add-site')}
            testId="tool-add-site"
          />
          <ToolButton
            icon={Cable}
            label={t('drawCable')}
            pressed={tool === 'draw-cable'}
            onClick={() => toggle('draw-cable')}
            testId="tool-draw-cable"
          />
        </>
      ) : (
        <>
          <ToolButton icon={Layers} label={t('layers')} pressed={layersOpen} onClick={onLayers} testId="tool-layers" />
          <ToolButton
            icon={LocateFixed}
            label={t('locate')}
            onClick={onLocate}
            disabled={locating}
            testId="tool-locate"
          />
          <ToolButton
            icon={Radar}
            label={t('coverage')}
            pressed={tool === 'coverage'}
            onClick={() => toggle('coverage')}
            testId="tool-coverage"
          />
          {canManage && (
            <ToolButton icon={Pencil} label={t('edit')} onClick={() => onEditing(true)} testId="map-edit" />
          )}
        </>
      )}
    </div>
  );
}
