import type { Rng } from './prng';

/** Fictional people and organisations of the demo county (清溪县). No real persons or companies. */
const SURNAMES = '陈林黄张李王吴刘蔡杨郑许谢何周徐叶余潘朱方郭施邱詹范游廖卢魏'.split('');
const GIVEN = '建国明华文德金水秀英春梅志伟海平丽芳荣福发兴良玉兰云清松强军勇根贵生财顺宝成新光树'.split('');

export function personName(rng: Rng): string {
  const given = rng.chance(0.75) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return rng.pick(SURNAMES) + given;
}

export const ORG = {
  power: '国网清溪县供电公司',
  telecom: '中国电信清溪分公司',
  post: '中国邮政清溪县分公司',
  bank: '清溪农村商业银行',
  tax: '国家税务总局清溪县税务局',
  finance: '清溪县财政局',
  agriculture: '清溪县农业农村局',
  forestry: '清溪县林业局',
  stationery: '清溪县惠民文具店',
  lighting: '清溪县明亮照明器材店',
  supermarket: '清溪县万家福超市',
  cleaning: '清溪县绿源环境服务有限公司',
  strongVillage: '清溪县强村发展有限公司',
  elderly: '村老年人协会',
  water: '清溪县自来水有限公司',
  restaurant: '清溪县溪畔农家饭店',
  hardware: '清溪县永兴五金店',
  solarService: '清溪县阳光新能源运维有限公司',
} as const;

export const CONTRACTORS = ['清溪县宏达建筑工程有限公司', '清溪县顺通路桥工程有限公司', '清溪县永安水电安装部', '清溪县兴农水利工程队'];
export const FACTORY_TENANTS = ['清溪县恒丰竹木加工厂', '清溪县瑞祥塑料制品厂', '清溪县鑫源食品有限公司', '清溪县佳美服装厂'];
export const FOREST_TENANTS = ['清溪县青山茶业有限公司', '清溪县绿野林业专业合作社', '清溪县翠竹笋业有限公司'];
export const COOPERATIVES = ['清溪县鑫源农业专业合作社', '清溪县百果园水果专业合作社', '清溪县稻香粮食专业合作社'];
