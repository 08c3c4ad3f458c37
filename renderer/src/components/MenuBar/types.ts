export interface MenuItemDefinition {
  readonly label: string;
  readonly action: () => void;
  readonly shortcut?: string;
  readonly separatorBefore?: boolean;
  /** A setting shown with a tick (role menuitemcheckbox); undefined for a plain command. */
  readonly checked?: boolean;
}

export interface MenuDefinition {
  readonly label: string;
  readonly items: readonly MenuItemDefinition[];
  /** The letter Alt opens this menu with (underlined in its label); its first letter by default. */
  readonly mnemonic?: string;
}

/** A menu's mnemonic letter. */
export function mnemonicOf(menu: MenuDefinition): string {
  return (menu.mnemonic ?? menu.label[0] ?? "").toUpperCase();
}
