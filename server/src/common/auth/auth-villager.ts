/** A villager signed in through WeChat (wx.login), attached to the request by the global guard. */
export interface AuthVillager {
  id: number;
}

/** Villager tokens carry `kind: 'villager'`; staff tokens carry a role. The guard never mixes them. */
export interface VillagerTokenPayload {
  sub: number;
  kind: 'villager';
}
