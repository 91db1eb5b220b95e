export default defineAppConfig({
  pages: ['pages/index/index', 'pages/ledger/index', 'pages/me/index', 'pages/choose/index', 'pages/entry/index'],
  subPackages: [
    {
      // Staff areas: bookkeepers and approvers. Kept out of the main package villagers download.
      root: 'packages/staff',
      pages: [
        'pages/login/index',
        'pages/bookkeeper/index',
        'pages/entry-form/index',
        'pages/approver/index',
        'pages/review/index',
        'pages/poster/index',
        'pages/assets/index',
        'pages/asset-form/index',
        'pages/contracts/index',
        'pages/contract-form/index',
        'pages/contract/index',
        'pages/register-review/index',
      ],
    },
    {
      // Villagers' reports to the discipline office: form, receipt, follow-up, 我的举报, 待发送.
      root: 'packages/report',
      pages: ['pages/form/index', 'pages/receipt/index', 'pages/follow/index', 'pages/mine/index', 'pages/pending/index'],
    },
    {
      // The discipline office (inspectors): inbox, case detail, statistics.
      root: 'packages/inspector',
      pages: ['pages/inbox/index', 'pages/detail/index', 'pages/stats/index', 'pages/dashboard/index', 'pages/rules/index', 'pages/watchlist/index'],
    },
    {
      // The village's collective assets and contracts, with each contract's rent schedule (public).
      root: 'packages/village',
      pages: ['pages/registers/index', 'pages/asset/index', 'pages/contract/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTitleText: '明白账',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#555555',
    selectedColor: '#b71c1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png', text: '首页' },
      { pagePath: 'pages/ledger/index', iconPath: 'assets/tab/ledger.png', selectedIconPath: 'assets/tab/ledger-active.png', text: '收支' },
      { pagePath: 'pages/me/index', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png', text: '我的' },
    ],
  },
})
