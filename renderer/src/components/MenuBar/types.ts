export interface MenuItemDefinition {
  readonly label: string;
  readonly action: () => void;
  readonly shortcut?: string;
  readonly separatorBefore?: boolean;
}

export interface MenuDefinition {
  readonly label: string;
  readonly items: readonly MenuItemDefinition[];
}
