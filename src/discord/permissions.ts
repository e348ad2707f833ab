/** Server-side admin check for /reindex and /add-article (default_member_permissions only hides). */
import { PermissionFlagsBits, type Interaction } from 'discord.js';

/** What the check needs from an interaction's member. */
export interface MemberFacts {
  readonly inGuild: boolean;
  readonly permissions: bigint | null;
  readonly roleIds: readonly string[];
}

/** True when the member has Administrator or one of the configured admin roles. */
export function isAdmin(m: MemberFacts, adminRoleIds: readonly string[]): boolean {
  if (!m.inGuild) return false;
  if (m.permissions !== null && (m.permissions & PermissionFlagsBits.Administrator) !== 0n) return true;
  return m.roleIds.some((r) => adminRoleIds.includes(r));
}

/** Extracts {@link MemberFacts} from an interaction (cached or raw API member). */
export function memberFacts(interaction: Interaction): MemberFacts {
  const member = interaction.member;
  let roleIds: string[] = [];
  if (member) {
    const roles = member.roles;
    roleIds = Array.isArray(roles) ? [...roles] : [...roles.cache.keys()];
  }
  return {
    inGuild: interaction.inGuild(),
    permissions: interaction.memberPermissions?.bitfield ?? null,
    roleIds,
  };
}
