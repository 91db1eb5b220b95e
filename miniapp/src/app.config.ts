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
      ],
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
