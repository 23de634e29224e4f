<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ContainerText</name>
    <message>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Exited</source>
        <extracomment>A container whose process has ended (Docker says &quot;Exited&quot;).</extracomment>
        <translation>已退出</translation>
    </message>
    <message>
        <source>Less than a second</source>
        <translation>不到 1 秒</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>About a minute</source>
        <translation>约 1 分钟</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>About an hour</source>
        <translation>约 1 小时</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1 周</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 个月</translation>
    </message>
    <message>
        <source>%1 years</source>
        <translation>%1 年</translation>
    </message>
    <message>
        <source>Up %1 (Paused)</source>
        <extracomment>%1 is a duration such as &quot;5 minutes&quot;.</extracomment>
        <translation>已运行 %1 (已暂停)</translation>
    </message>
    <message>
        <source>Up %1</source>
        <extracomment>%1 is a duration such as &quot;5 minutes&quot;.</extracomment>
        <translation>已运行 %1</translation>
    </message>
    <message>
        <source>Exited (%1)</source>
        <translation>已退出 (%1)</translation>
    </message>
    <message>
        <source>Exited (%1) %2 ago</source>
        <extracomment>%1 is the exit status, %2 a duration such as &quot;2 minutes&quot;.</extracomment>
        <translation>已退出 (%1)，%2前</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source> (OOM killed)</source>
        <extracomment>After &quot;Exited (137) 2 minutes ago&quot;: the kernel&apos;s OOM killer ended the container.</extracomment>
        <translation> (因 OOM 被终止)</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>see containers and their logs</source>
        <translation>查看容器及其日志</translation>
    </message>
    <message>
        <source>create containers</source>
        <translation>创建容器</translation>
    </message>
    <message>
        <source>create a container that weakens isolation</source>
        <translation>创建隔离受削弱的容器</translation>
    </message>
    <message>
        <source>start, stop and kill containers</source>
        <translation>启动、停止和强制终止容器</translation>
    </message>
    <message>
        <source>remove containers</source>
        <translation>删除容器</translation>
    </message>
    <message>
        <source>run commands in containers</source>
        <translation>在容器中运行命令</translation>
    </message>
    <message>
        <source>change the resource limits of containers</source>
        <translation>更改容器的资源限制</translation>
    </message>
    <message>
        <source>manage images</source>
        <translation>管理镜像</translation>
    </message>
    <message>
        <source>manage networks and connect containers to them</source>
        <translation>管理网络并将容器连接到网络</translation>
    </message>
    <message>
        <source>Hako&apos;s helper cannot be reached: %1</source>
        <translation>无法连接 Hako 辅助服务：%1</translation>
    </message>
    <message>
        <source>Not allowed: %1</source>
        <translation>不允许此操作：%1</translation>
    </message>
    <message>
        <source>You are not allowed to %1 (polkit action %2). Ask an administrator, or authenticate when the system asks.</source>
        <translation>您无权%1（polkit 操作 %2）。请联系管理员，或在系统要求时进行认证。</translation>
    </message>
    <message>
        <source>Invalid input: %1</source>
        <translation>输入无效：%1</translation>
    </message>
    <message>
        <source>No such container: %1</source>
        <translation>容器不存在：%1</translation>
    </message>
    <message>
        <source>No such image: %1</source>
        <translation>镜像不存在：%1</translation>
    </message>
    <message>
        <source>The name is already taken: %1</source>
        <translation>名称已被占用：%1</translation>
    </message>
    <message>
        <source>Not possible in the container&apos;s current state: %1</source>
        <translation>容器当前的状态不允许此操作：%1</translation>
    </message>
    <message>
        <source>The container&apos;s settings are not valid:
%1</source>
        <translation>容器设置无效：
%1</translation>
    </message>
    <message>
        <source>Busy: %1</source>
        <translation>正忙：%1</translation>
    </message>
    <message>
        <source>The operation failed: %1</source>
        <translation>操作失败：%1</translation>
    </message>
</context>
<context>
    <name>ImageText</name>
    <message>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>%n 个月前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation>
            <numerusform>%n 年前</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LimitsText</name>
    <message>
        <source>B KiB MiB GiB TiB</source>
        <extracomment>Units of sizes, from bytes to tebibytes.</extracomment>
        <translation>B KiB MiB GiB TiB</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>A size: %1 the number, %2 the unit (&quot;256 MiB&quot;).</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 CPUs</source>
        <extracomment>The CPU limit in cores, e.g. &quot;0.5 CPUs&quot;.</extracomment>
        <translation>%1 个 CPU</translation>
    </message>
    <message>
        <source>on CPUs %1</source>
        <extracomment>The CPUs a container may run on, e.g. &quot;on CPUs 0-1&quot;.</extracomment>
        <translation>运行于 CPU %1</translation>
    </message>
    <message>
        <source>CPU shares %1</source>
        <translation>CPU 份额 %1</translation>
    </message>
    <message>
        <source>%1 memory</source>
        <extracomment>e.g. &quot;100 MiB memory&quot;.</extracomment>
        <translation>内存 %1</translation>
    </message>
    <message>
        <source>unlimited swap</source>
        <translation>交换空间不限</translation>
    </message>
    <message>
        <source>no swap</source>
        <translation>无交换空间</translation>
    </message>
    <message>
        <source>%1 memory and swap</source>
        <extracomment>e.g. &quot;200 MiB memory and swap&quot;.</extracomment>
        <translation>内存 + 交换空间 %1</translation>
    </message>
    <message>
        <source>%1 reserved</source>
        <extracomment>A soft memory limit, e.g. &quot;50 MiB reserved&quot;.</extracomment>
        <translation>内存预留 %1</translation>
    </message>
    <message>
        <source>OOM killer disabled</source>
        <translation>已禁用 OOM 终止</translation>
    </message>
    <message>
        <source>%1 processes</source>
        <extracomment>A limit on the number of processes and threads, e.g. &quot;20 processes&quot;.</extracomment>
        <translation>最多 %1 个进程</translation>
    </message>
    <message>
        <source>block I/O weight %1</source>
        <translation>块设备 I/O 权重 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n device throttle(s)</source>
        <translation>
            <numerusform>%n 项设备限速</numerusform>
        </translation>
    </message>
    <message>
        <source>None</source>
        <extracomment>No resource limit is set. Between the limits of a summary: &quot;0.5 CPUs, 100 MiB memory&quot;.</extracomment>
        <translation>无</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>ShellLauncher</name>
    <message>
        <source>Open a shell</source>
        <translation>打开 Shell</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>No terminal emulator was found (set $TERMINAL to choose one). Run this command in a terminal:</source>
        <translation>未找到终端模拟器（可设置 $TERMINAL 来指定）。请在终端中运行此命令：</translation>
    </message>
    <message>
        <source>The terminal %1 could not be started. Run this command in a terminal:</source>
        <translation>无法启动终端 %1。请在终端中运行此命令：</translation>
    </message>
</context>
<context>
    <name>StatsUnits</name>
    <message>
        <source>B</source>
        <extracomment>Unit symbol: bytes</extracomment>
        <translation>B</translation>
    </message>
    <message>
        <source>KiB</source>
        <extracomment>Unit symbol: kibibytes (1024 bytes)</extracomment>
        <translation>KiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <extracomment>Unit symbol: mebibytes</extracomment>
        <translation>MiB</translation>
    </message>
    <message>
        <source>GiB</source>
        <extracomment>Unit symbol: gibibytes</extracomment>
        <translation>GiB</translation>
    </message>
    <message>
        <source>TiB</source>
        <extracomment>Unit symbol: tebibytes</extracomment>
        <translation>TiB</translation>
    </message>
    <message>
        <source>%1/s</source>
        <extracomment>A rate: %1 is a unit such as &quot;MiB&quot;</extracomment>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>A value and its unit: &quot;1.5 MiB&quot;, &quot;48.9 %&quot;</extracomment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>hako::gui::Capabilities</name>
    <message>
        <source>Change the owner and group of any file</source>
        <translation>更改任意文件的属主和属组</translation>
    </message>
    <message>
        <source>Read, write and run any file, whatever its permissions say</source>
        <translation>读取、写入和执行任意文件，无视其权限设置</translation>
    </message>
    <message>
        <source>Read any file and list any directory, whatever their permissions say</source>
        <translation>读取任意文件、列出任意目录，无视其权限设置</translation>
    </message>
    <message>
        <source>Act as the owner of any file: change its permissions, times and attributes</source>
        <translation>以任意文件属主的身份操作：更改其权限、时间戳和属性</translation>
    </message>
    <message>
        <source>Keep a file&apos;s set-user-ID and set-group-ID bits when changing it</source>
        <translation>修改文件时保留其 set-user-ID 和 set-group-ID 位</translation>
    </message>
    <message>
        <source>Send signals to processes of other users</source>
        <translation>向其他用户的进程发送信号</translation>
    </message>
    <message>
        <source>Switch to any group ID and set the supplementary groups</source>
        <translation>切换到任意组 ID 并设置附加组</translation>
    </message>
    <message>
        <source>Switch to any user ID</source>
        <translation>切换到任意用户 ID</translation>
    </message>
    <message>
        <source>Pass on or remove capabilities: change the bounding and inheritable sets</source>
        <translation>传递或移除权能：更改边界集和可继承集</translation>
    </message>
    <message>
        <source>Set or clear the immutable and append-only flags of files</source>
        <translation>设置或清除文件的不可变（immutable）和仅追加（append-only）标志</translation>
    </message>
    <message>
        <source>Listen on network ports below 1024</source>
        <translation>监听 1024 以下的网络端口</translation>
    </message>
    <message>
        <source>Send broadcasts and listen to multicasts (unused by Linux)</source>
        <translation>发送广播和接收多播（Linux 未使用）</translation>
    </message>
    <message>
        <source>Configure network interfaces, routes and firewall rules</source>
        <translation>配置网络接口、路由和防火墙规则</translation>
    </message>
    <message>
        <source>Use raw and packet sockets: ping, send any packet, sniff traffic</source>
        <translation>使用原始套接字和数据包套接字：ping、发送任意数据包、嗅探流量</translation>
    </message>
    <message>
        <source>Lock memory so it is never swapped out</source>
        <translation>锁定内存，使其永不被换出</translation>
    </message>
    <message>
        <source>Use any shared memory, semaphore or message queue, whatever its permissions</source>
        <translation>使用任意共享内存、信号量或消息队列，无视其权限</translation>
    </message>
    <message>
        <source>Load and unload kernel modules — full control of the kernel</source>
        <translation>加载和卸载内核模块——可完全控制内核</translation>
    </message>
    <message>
        <source>Raw access to I/O ports and to memory and disks (/dev/mem) — can take over the host</source>
        <translation>直接访问 I/O 端口以及内存和磁盘（/dev/mem）——可接管主机</translation>
    </message>
    <message>
        <source>Change the root directory (chroot) and enter mount namespaces</source>
        <translation>更改根目录（chroot）并进入挂载命名空间</translation>
    </message>
    <message>
        <source>Trace and debug any process, and read and change its memory</source>
        <translation>跟踪和调试任意进程，并读取和修改其内存</translation>
    </message>
    <message>
        <source>Turn process accounting on or off</source>
        <translation>开启或关闭进程记账</translation>
    </message>
    <message>
        <source>Mount file systems and many other administration tasks — close to full root</source>
        <translation>挂载文件系统及许多其他管理任务——几乎等同于完整的 root 权限</translation>
    </message>
    <message>
        <source>Reboot the machine and load a new kernel to boot into</source>
        <translation>重启机器，以及加载并启动新内核</translation>
    </message>
    <message>
        <source>Raise priorities, use real-time scheduling and set the CPUs of any process</source>
        <translation>提高优先级、使用实时调度，并设置任意进程可使用的 CPU</translation>
    </message>
    <message>
        <source>Exceed resource limits and disk quotas, and raise hard limits</source>
        <translation>突破资源限制和磁盘配额，并提高硬限制</translation>
    </message>
    <message>
        <source>Set the system clock and the hardware clock</source>
        <translation>设置系统时钟和硬件时钟</translation>
    </message>
    <message>
        <source>Hang up and configure terminals (vhangup)</source>
        <translation>挂断和配置终端（vhangup）</translation>
    </message>
    <message>
        <source>Create device files (mknod)</source>
        <translation>创建设备文件（mknod）</translation>
    </message>
    <message>
        <source>Take leases on files it does not own</source>
        <translation>对不属于自己的文件获取租约（lease）</translation>
    </message>
    <message>
        <source>Write records to the kernel&apos;s audit log</source>
        <translation>向内核审计日志写入记录</translation>
    </message>
    <message>
        <source>Turn kernel auditing on and off and change its rules</source>
        <translation>开启或关闭内核审计并更改其规则</translation>
    </message>
    <message>
        <source>Give capabilities to program files</source>
        <translation>为程序文件赋予权能</translation>
    </message>
    <message>
        <source>Override mandatory access control (Smack)</source>
        <translation>绕过强制访问控制（Smack）</translation>
    </message>
    <message>
        <source>Change the mandatory access control policy and labels (Smack)</source>
        <translation>更改强制访问控制策略和标签（Smack）</translation>
    </message>
    <message>
        <source>Read and clear the kernel log, and see kernel addresses</source>
        <translation>读取和清除内核日志，并查看内核地址</translation>
    </message>
    <message>
        <source>Set timers that wake the system from suspend</source>
        <translation>设置可将系统从挂起中唤醒的定时器</translation>
    </message>
    <message>
        <source>Keep the system from suspending</source>
        <translation>阻止系统挂起</translation>
    </message>
    <message>
        <source>Read the kernel&apos;s audit log through a netlink socket</source>
        <translation>通过 netlink 套接字读取内核审计日志</translation>
    </message>
    <message>
        <source>Monitor performance of the system and other processes (perf)</source>
        <translation>监视系统和其他进程的性能（perf）</translation>
    </message>
    <message>
        <source>Load BPF programs and create BPF maps in the kernel</source>
        <translation>在内核中加载 BPF 程序并创建 BPF 映射</translation>
    </message>
    <message>
        <source>Checkpoint and restore processes: choose the PIDs of new processes</source>
        <translation>检查点与恢复进程：指定新进程的 PID</translation>
    </message>
</context>
<context>
    <name>hako::gui::CapabilityList</name>
    <message>
        <source>Not listed: %1. This host&apos;s own capability bounding set lacks them, so no container here can have them.</source>
        <translation>未列出：%1。本主机自身的权能边界集中没有这些权能，因此这里的任何容器都无法拥有它们。</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>权能</translation>
    </message>
    <message>
        <source>Capability</source>
        <translation>权能</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>What it allows</source>
        <translation>允许的操作</translation>
    </message>
    <message>
        <source>Reset to de&amp;faults</source>
        <translation>恢复默认(&amp;F)</translation>
    </message>
    <message>
        <source>Check Docker&apos;s 14 default capabilities and nothing else.</source>
        <translation>只勾选 Docker 的 14 项默认权能，取消其他所有勾选。</translation>
    </message>
    <message>
        <source>Capabilities beyond the defaults (marked) weaken the container&apos;s isolation: creating it needs an administrator&apos;s approval.</source>
        <translation>默认之外的权能（已标记）会削弱容器的隔离：创建该容器需要管理员批准。</translation>
    </message>
    <message>
        <source>default</source>
        <extracomment>In the capability list: one of Docker&apos;s 14 default capabilities.</extracomment>
        <translation>默认</translation>
    </message>
    <message>
        <source>added</source>
        <extracomment>In the capability list: checked, though not one of Docker&apos;s defaults.</extracomment>
        <translation>已添加</translation>
    </message>
    <message>
        <source>Beyond Docker&apos;s defaults: creating the container needs an administrator&apos;s approval.</source>
        <translation>超出 Docker 的默认权能：创建该容器需要管理员批准。</translation>
    </message>
</context>
<context>
    <name>hako::gui::ContainerActions</name>
    <message>
        <source>&amp;New Container…</source>
        <translation>新建容器(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a container from an image</source>
        <translation>从镜像创建容器</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>启动(&amp;S)</translation>
    </message>
    <message>
        <source>Start the selected containers</source>
        <translation>启动所选容器</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Ask the selected containers to stop (they are killed after %1 seconds)</source>
        <translation>请求所选容器停止（%1 秒后仍未停止则强制终止）</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>重启(&amp;R)</translation>
    </message>
    <message>
        <source>Stop the selected containers, then start them again</source>
        <translation>停止所选容器，然后重新启动</translation>
    </message>
    <message>
        <source>&amp;Kill…</source>
        <translation>强制终止(&amp;K)…</translation>
    </message>
    <message>
        <source>Send a signal to the selected containers</source>
        <translation>向所选容器发送信号</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>删除(&amp;M)…</translation>
    </message>
    <message>
        <source>Remove the selected containers</source>
        <translation>删除所选容器</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <source>Show the selected container&apos;s output</source>
        <translation>显示所选容器的输出</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>检查(&amp;I)</translation>
    </message>
    <message>
        <source>Show everything the helper knows about the selected container</source>
        <translation>显示辅助服务掌握的所选容器的全部信息</translation>
    </message>
    <message>
        <source>Open a S&amp;hell</source>
        <translation>打开 Shell(&amp;H)</translation>
    </message>
    <message>
        <source>Open a terminal running a shell inside the selected container</source>
        <translation>打开一个终端，在所选容器内运行 Shell</translation>
    </message>
    <message>
        <source>Starting “%1”…</source>
        <translation>正在启动“%1”…</translation>
    </message>
    <message>
        <source>Could not start “%1”: %2</source>
        <translation>无法启动“%1”：%2</translation>
    </message>
    <message>
        <source>Stopping “%1”…</source>
        <translation>正在停止“%1”…</translation>
    </message>
    <message>
        <source>Could not stop “%1”: %2</source>
        <translation>无法停止“%1”：%2</translation>
    </message>
    <message>
        <source>Restarting “%1”…</source>
        <translation>正在重启“%1”…</translation>
    </message>
    <message>
        <source>Could not restart “%1”: %2</source>
        <translation>无法重启“%1”：%2</translation>
    </message>
    <message>
        <source>Sending a signal to “%1”…</source>
        <translation>正在向“%1”发送信号…</translation>
    </message>
    <message>
        <source>Could not send the signal to “%1”: %2</source>
        <translation>无法向“%1”发送信号：%2</translation>
    </message>
    <message>
        <source>Remove the container “%1”?</source>
        <translation>删除容器“%1”？</translation>
    </message>
    <message>
        <source>Remove these %1 containers?</source>
        <translation>删除这 %1 个容器？</translation>
    </message>
    <message>
        <source>Its files and its log are deleted. This cannot be undone.</source>
        <translation>其文件和日志将被删除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Their files and logs are deleted. This cannot be undone.</source>
        <translation>它们的文件和日志将被删除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Still running, and killed first: %1.</source>
        <translation>以下容器仍在运行，将先被强制终止：%1。</translation>
    </message>
    <message>
        <source>Remove containers</source>
        <translation>删除容器</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Removing “%1”…</source>
        <translation>正在删除“%1”…</translation>
    </message>
    <message>
        <source>Could not remove “%1”: %2</source>
        <translation>无法删除“%1”：%2</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Freeze every process of the selected containers where it is</source>
        <translation>冻结所选容器中的所有进程，使其停在当前位置</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>恢复(&amp;U)</translation>
    </message>
    <message>
        <source>Let the processes of the selected paused containers run on</source>
        <translation>让所选已暂停容器中的进程继续运行</translation>
    </message>
    <message>
        <source>&amp;Edit Limits…</source>
        <translation>编辑限制(&amp;E)…</translation>
    </message>
    <message>
        <source>Change the selected container&apos;s CPU, memory, process and block I/O limits</source>
        <translation>更改所选容器的 CPU、内存、进程数和块设备 I/O 限制</translation>
    </message>
    <message>
        <source>Pausing “%1”…</source>
        <translation>正在暂停“%1”…</translation>
    </message>
    <message>
        <source>Could not pause “%1”: %2</source>
        <translation>无法暂停“%1”：%2</translation>
    </message>
    <message>
        <source>Resuming “%1”…</source>
        <translation>正在恢复“%1”…</translation>
    </message>
    <message>
        <source>Could not resume “%1”: %2</source>
        <translation>无法恢复“%1”：%2</translation>
    </message>
</context>
<context>
    <name>hako::gui::ContainerModel</name>
    <message>
        <source>Id: %1</source>
        <translation>ID：%1</translation>
    </message>
    <message>
        <source>Host PID %1</source>
        <translation>主机 PID %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态详情</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>CPU</source>
        <extracomment>Column header: processor use.</extracomment>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
</context>
<context>
    <name>hako::gui::CreateDialog</name>
    <message>
        <source>New container</source>
        <translation>新建容器</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>常规(&amp;G)</translation>
    </message>
    <message>
        <source>Na&amp;mespaces</source>
        <translation>命名空间(&amp;M)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Crea&amp;te</source>
        <translation>创建(&amp;T)</translation>
    </message>
    <message>
        <source>Create the container</source>
        <translation>创建容器</translation>
    </message>
    <message>
        <source>Create an&amp;d start</source>
        <translation>创建并启动(&amp;D)</translation>
    </message>
    <message>
        <source>Create and start the container</source>
        <translation>创建并启动容器</translation>
    </message>
    <message>
        <source>Some settings on this page are not valid.</source>
        <translation>此页上的部分设置无效。</translation>
    </message>
    <message>
        <source>Correct the settings marked in red first.</source>
        <translation>请先更正标为红色的设置。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The container was created but could not be started: %1</source>
        <translation>容器已创建，但无法启动：%1</translation>
    </message>
    <message>
        <source>&amp;Resources</source>
        <translation>资源(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Security</source>
        <translation>安全(&amp;S)</translation>
    </message>
    <message>
        <source>St&amp;orage</source>
        <translation>存储(&amp;O)</translation>
    </message>
    <message>
        <source>Net&amp;work</source>
        <translation>网络(&amp;W)</translation>
    </message>
</context>
<context>
    <name>hako::gui::CreateGeneralPage</name>
    <message>
        <source>Container name</source>
        <translation>容器名称</translation>
    </message>
    <message>
        <source>generated when empty</source>
        <translation>留空则自动生成</translation>
    </message>
    <message>
        <source>Letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;; other commands can use it instead of the id.</source>
        <translation>可使用字母、数字、&apos;_&apos;、&apos;.&apos; 和 &apos;-&apos;；其他命令可用它代替 ID。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>The image the container&apos;s files come from.</source>
        <translation>容器的文件来自此镜像。</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>镜像(&amp;I)：</translation>
    </message>
    <message>
        <source>Command and arguments</source>
        <translation>命令及参数</translation>
    </message>
    <message>
        <source>the image&apos;s command when empty</source>
        <translation>留空则使用镜像的命令</translation>
    </message>
    <message>
        <source>Typed as in a shell: words are separated by spaces; quote a word with spaces in it (&apos;like this&apos;). Nothing is expanded.</source>
        <translation>按 Shell 的方式输入：各词以空格分隔；含空格的词需加引号（&apos;像这样&apos;）。不做任何展开。</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>命令(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>环境变量(&amp;E)：</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>工作目录</translation>
    </message>
    <message>
        <source>the image&apos;s when empty</source>
        <translation>留空则使用镜像的工作目录</translation>
    </message>
    <message>
        <source>An absolute path inside the container, where the command starts.</source>
        <translation>容器内的绝对路径，命令从此处启动。</translation>
    </message>
    <message>
        <source>&amp;Working directory:</source>
        <translation>工作目录(&amp;W)：</translation>
    </message>
    <message>
        <source>Host name</source>
        <translation>主机名</translation>
    </message>
    <message>
        <source>the short id when empty</source>
        <translation>留空则使用短 ID</translation>
    </message>
    <message>
        <source>The name the container sees for itself (needs its own UTS namespace).</source>
        <translation>容器看到的自身名称（需要独立的 UTS 命名空间）。</translation>
    </message>
    <message>
        <source>&amp;Host name:</source>
        <translation>主机名(&amp;H)：</translation>
    </message>
    <message>
        <source>Run as user</source>
        <translation>运行用户</translation>
    </message>
    <message>
        <source>root when empty</source>
        <translation>留空则为 root</translation>
    </message>
    <message>
        <source>A user name or id, optionally with a group name or id: user[:group]. Names are looked up in the image when the container starts.</source>
        <translation>用户名或用户 ID，可附带组名或组 ID：user[:group]。名称在容器启动时于镜像中查找。</translation>
    </message>
    <message>
        <source>Run as &amp;user:</source>
        <translation>运行用户(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Remove the container when it exits</source>
        <translation>容器退出时将其删除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the container when it exits</source>
        <translation>容器退出时将其删除</translation>
    </message>
    <message>
        <source>The command cannot be split into words: %1</source>
        <translation>无法将命令拆分为单词：%1</translation>
    </message>
    <message>
        <source>Row %1: </source>
        <translation>第 %1 行：</translation>
    </message>
</context>
<context>
    <name>hako::gui::CreateNamespacesPage</name>
    <message>
        <source>PID namespace (pid)</source>
        <translation>PID 命名空间 (pid)</translation>
    </message>
    <message>
        <source>Process IDs. Its own: the container sees only its own processes, and its command runs as PID 1.</source>
        <translation>进程 ID。独立时：容器只能看到自己的进程，其命令以 PID 1 运行。</translation>
    </message>
    <message>
        <source>Shared with the host, it sees every process on the host and, as root, can signal them. Joined to another container, the two see and can signal each other&apos;s processes, and it stops when that container stops.</source>
        <translation>与主机共享时，容器能看到主机上的所有进程，并且以 root 身份运行时可以向它们发送信号。加入另一个容器时，两者能看到彼此的进程并可互相发送信号，且那个容器停止时本容器也会停止。</translation>
    </message>
    <message>
        <source>Network namespace (net)</source>
        <translation>网络命名空间 (net)</translation>
    </message>
    <message>
        <source>Shared with the host, it uses the host&apos;s interfaces and ports directly and reaches services that listen only on the host&apos;s localhost. Joined to another container, the two share one network stack and meet on localhost.</source>
        <translation>与主机共享时，容器直接使用主机的网络接口和端口，并能访问只监听主机 localhost 的服务。加入另一个容器时，两者共用一个网络栈，可通过 localhost 互相访问。</translation>
    </message>
    <message>
        <source>IPC namespace (ipc)</source>
        <translation>IPC 命名空间 (ipc)</translation>
    </message>
    <message>
        <source>System V shared memory, semaphores and message queues, and POSIX message queues.</source>
        <translation>System V 共享内存、信号量和消息队列，以及 POSIX 消息队列。</translation>
    </message>
    <message>
        <source>Shared with the host, it can read and change the shared memory of the host&apos;s processes. Joined to another container, the two can share memory, as cooperating programs need.</source>
        <translation>与主机共享时，容器可以读取和修改主机进程的共享内存。加入另一个容器时，两者可以共享内存，满足相互协作的程序的需要。</translation>
    </message>
    <message>
        <source>UTS namespace (uts)</source>
        <translation>UTS 命名空间 (uts)</translation>
    </message>
    <message>
        <source>The host name and the NIS domain name.</source>
        <translation>主机名和 NIS 域名。</translation>
    </message>
    <message>
        <source>Shared with the host, the container cannot have a host name of its own and, as root, could change the host&apos;s.</source>
        <translation>与主机共享时，容器无法拥有自己的主机名，并且以 root 身份运行时可能更改主机的主机名。</translation>
    </message>
    <message>
        <source>Cgroup namespace (cgroup)</source>
        <translation>控制组命名空间 (cgroup)</translation>
    </message>
    <message>
        <source>The view of the control group tree: its own makes the container&apos;s cgroup look like the root.</source>
        <translation>控制组树的视图：独立时，容器所在的控制组看起来就是根控制组。</translation>
    </message>
    <message>
        <source>Shared with the host, /proc/self/cgroup shows the host&apos;s cgroup paths, which tells the container how the host is organised.</source>
        <translation>与主机共享时，/proc/self/cgroup 会显示主机的控制组路径，容器可由此得知主机的组织结构。</translation>
    </message>
    <message>
        <source>A namespace gives the container its own copy of one kind of system resource. Keep them isolated unless the container needs the host&apos;s or another container&apos;s. Sharing one with the host needs an administrator&apos;s approval every time.</source>
        <translation>命名空间为容器提供某一类系统资源的独立副本。除非容器需要使用主机或其他容器的命名空间，否则请保持隔离。每次与主机共享命名空间都需要管理员批准。</translation>
    </message>
    <message>
        <source>Mount namespace (mnt)</source>
        <translation>挂载命名空间 (mnt)</translation>
    </message>
    <message>
        <source>The mount table: the container&apos;s root file system and everything mounted in it.</source>
        <translation>挂载表：容器的根文件系统及其中挂载的所有内容。</translation>
    </message>
    <message>
        <source>Always isolated: the container&apos;s root file system is built inside this namespace, so it cannot be shared with the host or joined from another container.</source>
        <translation>始终隔离：容器的根文件系统在此命名空间内构建，因此不能与主机共享，也不能被其他容器加入。</translation>
    </message>
    <message>
        <source>Isolated</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>User namespace (user)</source>
        <translation>用户命名空间 (user)</translation>
    </message>
    <message>
        <source>User and group IDs: root inside the container can be an unprivileged user on the host.</source>
        <translation>用户和组 ID：容器内的 root 可以是主机上的非特权用户。</translation>
    </message>
    <message>
        <source>%1: choice</source>
        <translation>%1：选项</translation>
    </message>
    <message>
        <source>Share with the host</source>
        <translation>与主机共享</translation>
    </message>
    <message>
        <source>Join a container</source>
        <translation>加入容器</translation>
    </message>
    <message>
        <source>%1: container to join</source>
        <translation>%1：要加入的容器</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A container to join: its name and its state (&quot;web (running)&quot;).</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>no containers yet</source>
        <translation>尚无容器</translation>
    </message>
    <message>
        <source>Chosen on the Security tab: &quot;Map root to an unprivileged host range&quot; (--userns=remap) gives the container a user namespace of its own.</source>
        <translation>在“安全”页上选择：“将 root 映射到主机上的非特权 ID 范围”（--userns=remap）会为容器提供独立的用户命名空间。</translation>
    </message>
    <message>
        <source>Set on the Security tab</source>
        <extracomment>The user namespace&apos;s choice, which is made on the Security tab.</extracomment>
        <translation>在“安全”页上设置</translation>
    </message>
    <message>
        <source>Network interfaces, addresses, routes, ports and firewall rules. Its own: a loopback interface, and one interface per Hako network it is on.</source>
        <translation>网络接口、地址、路由、端口和防火墙规则。独立时：一个回环接口，以及它所在的每个 Hako 网络各一个接口。</translation>
    </message>
    <message>
        <source>Chosen on the Network tab: bridge (the default), none, the host&apos;s network or another container&apos;s.</source>
        <translation>在“网络”选项卡中选择：网桥（默认）、无、主机的网络或另一个容器的网络。</translation>
    </message>
    <message>
        <source>Set on the Network tab</source>
        <extracomment>The network namespace&apos;s choice, which is made on the Network tab.</extracomment>
        <translation>在“网络”选项卡中设置</translation>
    </message>
</context>
<context>
    <name>hako::gui::CreateNetworkPage</name>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address (four numbers 0-255 with dots)</source>
        <translation>“%1”不是 IPv4 地址（用点分隔的四个 0-255 的数字）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not NAME:IP</source>
        <translation>“%1”不是 名称:IP 的形式</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain name</source>
        <translation>“%1”不是域名</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a unicast MAC address (xx:xx:xx:xx:xx:xx)</source>
        <translation>“%1”不是单播 MAC 地址（xx:xx:xx:xx:xx:xx）</translation>
    </message>
    <message>
        <source>How the container reaches the network. On a bridge network it gets its own address and reaches other containers on the same network by name; its ports are closed to the outside unless published here.</source>
        <translation>容器如何接入网络。在网桥网络上，它有自己的地址，并可按名称访问同一网络上的其他容器；除非在此发布，它的端口对外部是关闭的。</translation>
    </message>
    <message>
        <source>Mode (--network)</source>
        <translation>模式（--network）</translation>
    </message>
    <message>
        <source>Bridge: on a Hako network</source>
        <translation>网桥：接入一个 Hako 网络</translation>
    </message>
    <message>
        <source>None: loopback only</source>
        <translation>无：仅回环接口</translation>
    </message>
    <message>
        <source>Host: the host&apos;s network</source>
        <translation>主机：使用主机的网络</translation>
    </message>
    <message>
        <source>Container: another container&apos;s network</source>
        <translation>容器：使用另一个容器的网络</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Network:</source>
        <translation>网络(&amp;N)：</translation>
    </message>
    <message>
        <source>Co&amp;ntainer:</source>
        <translation>容器(&amp;N)：</translation>
    </message>
    <message>
        <source>The host&apos;s network: the container uses this computer&apos;s interfaces and ports directly and reaches services that listen only on its localhost. It needs an administrator&apos;s approval every time it starts.</source>
        <translation>主机的网络：容器直接使用这台计算机的接口和端口，并能访问只监听在本机 localhost 上的服务。每次启动都需要管理员批准。</translation>
    </message>
    <message>
        <source>Published ports (-p)</source>
        <translation>发布的端口（-p）</translation>
    </message>
    <message>
        <source>A published port of this computer forwards to the container&apos;s port. Leave the host IP empty for every address of this computer, or give 127.0.0.1 for this computer alone.</source>
        <translation>这台计算机上发布的端口会转发到容器的端口。主机 IP 留空表示这台计算机的所有地址，填 127.0.0.1 则仅限本机。</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>名称解析</translation>
    </message>
    <message>
        <source>for example 10.89.0.1, 10.89.0.2</source>
        <translation>例如 10.89.0.1, 10.89.0.2</translation>
    </message>
    <message>
        <source>&amp;DNS servers:</source>
        <translation>DNS 服务器(&amp;D)：</translation>
    </message>
    <message>
        <source>for example example.test</source>
        <translation>例如 example.test</translation>
    </message>
    <message>
        <source>&amp;Search domains:</source>
        <translation>搜索域(&amp;S)：</translation>
    </message>
    <message>
        <source>NAME:IP, for example db:10.89.0.5</source>
        <translation>名称:IP，例如 db:10.89.0.5</translation>
    </message>
    <message>
        <source>E&amp;xtra hosts:</source>
        <extracomment>Entries added to the container&apos;s /etc/hosts (--add-host)</extracomment>
        <translation>额外主机(&amp;X)：</translation>
    </message>
    <message>
        <source>Address on the first network</source>
        <translation>第一个网络上的地址</translation>
    </message>
    <message>
        <source>the next free one</source>
        <translation>下一个空闲地址</translation>
    </message>
    <message>
        <source>&amp;IP address:</source>
        <translation>IP 地址(&amp;I)：</translation>
    </message>
    <message>
        <source>made from the IP address</source>
        <translation>由 IP 地址生成</translation>
    </message>
    <message>
        <source>M&amp;AC address:</source>
        <translation>MAC 地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Only a container on a bridge network has these.</source>
        <translation>只有网桥网络上的容器才有这些设置。</translation>
    </message>
    <message>
        <source>Row %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A container whose network to use: its name and its state (&quot;web (running)&quot;).</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>no containers yet</source>
        <translation>尚无容器</translation>
    </message>
</context>
<context>
    <name>hako::gui::CreatePreview</name>
    <message>
        <source>Equivalent hakoctl command</source>
        <translation>等效的 hakoctl 命令</translation>
    </message>
    <message>
        <source>Spec to be sent</source>
        <translation>将要发送的规范</translation>
    </message>
    <message>
        <source>Equivalent command &amp;line:</source>
        <translation>等效命令行(&amp;L)：</translation>
    </message>
    <message>
        <source>“Create and start” does what this line does; “Create” alone is hakoctl create with the same options.</source>
        <translation>“创建并启动”与这条命令行的效果相同；仅“创建”则相当于使用相同选项的 hakoctl create。</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>复制(&amp;Y)</translation>
    </message>
    <message>
        <source>Copy the command line</source>
        <translation>复制命令行</translation>
    </message>
    <message>
        <source>Copy s&amp;pec</source>
        <translation>复制规范(&amp;P)</translation>
    </message>
    <message>
        <source>Copy the spec</source>
        <translation>复制规范</translation>
    </message>
    <message>
        <source>(The spec appears here once every field is valid.)</source>
        <translation>（所有字段均有效后，规范将显示在此处。）</translation>
    </message>
    <message>
        <source>Spec (OCI config.&amp;json) sent to the helper:</source>
        <translation>发送给辅助服务的规范（OCI config.json）(&amp;J)：</translation>
    </message>
</context>
<context>
    <name>hako::gui::CreateResourcesPage</name>
    <message>
        <source>What the container may use of the host. An empty field or “no limit” sets nothing. Point at a field to see what its limit does and what happens when the container reaches it.</source>
        <translation>容器可使用的主机资源。字段留空或为“不限制”时不设置该项。将鼠标指向某个字段，可查看该限制的作用，以及容器达到限制时会发生什么。</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CPUs</source>
        <translation>CPU 数量</translation>
    </message>
    <message>
        <source>no limit</source>
        <extracomment>A spin box at 0: no CPU limit.</extracomment>
        <translation>不限制</translation>
    </message>
    <message>
        <source>&amp;CPUs:</source>
        <translation>CPU 数量(&amp;C)：</translation>
    </message>
    <message>
        <source>How much CPU time the container may use, in cores: 0.5 is half of one core, 2 is two cores&apos; worth, counted every 100 ms over all the CPUs it runs on. A busy container is throttled at the limit (it waits for the next 100 ms), never killed. At most the host&apos;s %1 CPUs. (--cpus)</source>
        <translation>容器可使用的 CPU 时间，以核为单位：0.5 为半个核，2 为两个核的用量，每 100 ms 在其运行的所有 CPU 上合计统计一次。繁忙的容器达到限制时会被限流（等待下一个 100 ms），但绝不会被终止。最多为主机的 %1 个 CPU。（--cpus）</translation>
    </message>
    <message>
        <source>CPU shares</source>
        <translation>CPU 份额</translation>
    </message>
    <message>
        <source>default (1024)</source>
        <extracomment>A spin box at 0: the kernel&apos;s default weight of 1024.</extracomment>
        <translation>默认 (1024)</translation>
    </message>
    <message>
        <source>CPU s&amp;hares:</source>
        <translation>CPU 份额(&amp;H)：</translation>
    </message>
    <message>
        <source>The container&apos;s weight when the CPUs are busy, relative to other containers (1024 by default): one with 2048 gets twice the CPU time of one with 1024 while both want more than is free. It limits nothing while CPU time is spare. (--cpu-shares)</source>
        <translation>CPU 繁忙时该容器相对于其他容器的权重（默认为 1024）：当两个容器所需的 CPU 时间都超过空闲量时，份额为 2048 的容器获得的 CPU 时间是份额为 1024 的两倍。CPU 时间有富余时，它不限制任何东西。（--cpu-shares）</translation>
    </message>
    <message>
        <source>Allowed CPUs</source>
        <translation>允许使用的 CPU</translation>
    </message>
    <message>
        <source>all, or such as 0-3 or 0,2</source>
        <extracomment>An empty list of CPUs: the container may run on every CPU.</extracomment>
        <translation>全部，或如 0-3、0,2</translation>
    </message>
    <message>
        <source>Allowed CP&amp;Us:</source>
        <translation>允许的 CPU(&amp;U)：</translation>
    </message>
    <message>
        <source>The CPUs the container&apos;s processes may run on, by number: 0-3, or 0,2. Empty: all of them. A busy container then uses at most these CPUs. (--cpuset-cpus)</source>
        <translation>容器的进程可以在哪些 CPU 上运行，按编号指定：0-3 或 0,2。留空：全部 CPU。这样，繁忙的容器最多只会用到这些 CPU。（--cpuset-cpus）</translation>
    </message>
    <message>
        <source>Allowed memory nodes</source>
        <translation>允许使用的内存节点</translation>
    </message>
    <message>
        <source>all, or such as 0 or 0-1</source>
        <extracomment>An empty list of memory nodes: the container may use every node.</extracomment>
        <translation>全部，或如 0、0-1</translation>
    </message>
    <message>
        <source>Memory n&amp;odes:</source>
        <translation>内存节点(&amp;O)：</translation>
    </message>
    <message>
        <source>The NUMA memory nodes the container may allocate memory from: 0, or 0-1. Only machines with several nodes have a choice. Empty: all of them. (--cpuset-mems)</source>
        <translation>容器可从中分配内存的 NUMA 内存节点：0 或 0-1。只有具有多个节点的机器才有选择余地。留空：全部节点。（--cpuset-mems）</translation>
    </message>
    <message>
        <source>Per&amp;iod and quota (advanced)</source>
        <translation>高级：周期和配额(&amp;I)</translation>
    </message>
    <message>
        <source>CPU period</source>
        <translation>CPU 周期</translation>
    </message>
    <message>
        <source>default (100000 µs)</source>
        <extracomment>A spin box at 0: the kernel&apos;s default period of 100 ms.</extracomment>
        <translation>默认 (100000 µs)</translation>
    </message>
    <message>
        <source> µs</source>
        <extracomment>Microseconds, after a number.</extracomment>
        <translation> µs</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>周期(&amp;E)：</translation>
    </message>
    <message>
        <source>The period the CPU quota is counted in, in microseconds, from 1000 (1 ms) to 1000000 (1 s); 100000 (100 ms) by default. A shorter period spreads the container&apos;s CPU time more evenly. (--cpu-period)</source>
        <translation>统计 CPU 配额所用的周期，单位为微秒，范围为 1000（1 ms）到 1000000（1 s），默认为 100000（100 ms）。周期越短，容器的 CPU 时间分布得越均匀。（--cpu-period）</translation>
    </message>
    <message>
        <source>CPU quota</source>
        <translation>CPU 配额</translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation>配额(&amp;Q)：</translation>
    </message>
    <message>
        <source>The CPU time the container may use in each period, in microseconds, at least 1000: 50000 in a period of 100000 is half a core, 200000 two cores. At the quota its processes wait for the next period (throttled, not killed). Use either this or CPUs. (--cpu-quota)</source>
        <translation>容器在每个周期内可使用的 CPU 时间，单位为微秒，至少为 1000：周期为 100000 时，50000 相当于半个核，200000 相当于两个核。用完配额后，其进程会等待下一个周期（被限流，而不是被终止）。此项与“CPU 数量”只能二选一。（--cpu-quota）</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>内存限制</translation>
    </message>
    <message>
        <source>Memory &amp;limit:</source>
        <translation>内存限制(&amp;L)：</translation>
    </message>
    <message>
        <source>The hard limit on the container&apos;s memory (what its processes allocate, and the page cache they cause), at least 6 MiB. When the container needs more and the kernel cannot reclaim enough, the kernel&apos;s OOM killer kills a process in it — the container is then shown as OOM killed. (-m, --memory)</source>
        <translation>容器内存的硬限制（包括其进程分配的内存及由此产生的页缓存），至少为 6 MiB。当容器需要更多内存而内核又无法回收足够的内存时，内核的 OOM（内存不足）终止机制会终止容器中的一个进程——此时容器显示为“因 OOM 被终止”。（-m, --memory）</translation>
    </message>
    <message>
        <source>Memory and swap limit</source>
        <translation>内存与交换空间限制</translation>
    </message>
    <message>
        <source>Unlimited s&amp;wap</source>
        <translation>交换空间不限(&amp;W)</translation>
    </message>
    <message>
        <source>As much swap as the host has. (--memory-swap -1)</source>
        <translation>可使用主机的全部交换空间。（--memory-swap -1）</translation>
    </message>
    <message>
        <source>Memory + s&amp;wap:</source>
        <translation>内存 + 交换空间(&amp;W)：</translation>
    </message>
    <message>
        <source>The limit on memory and swap together, at least the memory limit, and only with one. Empty: as much swap as memory (twice the memory limit in all). Equal to the memory limit: no swap. When both are used up, the OOM killer acts as at the memory limit. (--memory-swap)</source>
        <translation>内存与交换空间合计的限制，不能小于内存限制，且只能与内存限制一起设置。留空：交换空间与内存一样多（合计为内存限制的两倍）。等于内存限制：不使用交换空间。两者都用尽时，OOM 终止机制的处理方式与达到内存限制时相同。（--memory-swap）</translation>
    </message>
    <message>
        <source>Memory reservation</source>
        <translation>内存预留</translation>
    </message>
    <message>
        <source>Reser&amp;vation:</source>
        <translation>内存预留(&amp;V)：</translation>
    </message>
    <message>
        <source>A soft limit, below the memory limit. Nothing happens at it while memory is plentiful; when the host runs short of memory, the kernel reclaims the container&apos;s memory towards it first. (--memory-reservation)</source>
        <translation>软限制，应低于内存限制。内存充足时它不起作用；当主机内存紧张时，内核会优先回收该容器的内存，使其降至此值。（--memory-reservation）</translation>
    </message>
    <message>
        <source>Disable the OOM &amp;killer</source>
        <translation>禁用 OOM 终止机制(&amp;K)</translation>
    </message>
    <message>
        <source>At the memory limit, the container&apos;s processes wait until memory is freed instead of being killed by the kernel&apos;s OOM killer — they may hang. Use it only with a memory limit. (--oom-kill-disable)</source>
        <translation>达到内存限制时，容器的进程会等待内存被释放，而不是被内核的 OOM 终止机制终止——进程可能因此挂起。仅应与内存限制一起使用。（--oom-kill-disable）</translation>
    </message>
    <message>
        <source>Processes and block I/O</source>
        <translation>进程与块设备 I/O</translation>
    </message>
    <message>
        <source>Process limit</source>
        <translation>进程数限制</translation>
    </message>
    <message>
        <source>&amp;Processes:</source>
        <translation>进程数(&amp;P)：</translation>
    </message>
    <message>
        <source>The most processes and threads the container may have at once. Beyond it, fork and clone fail (“Resource temporarily unavailable”) while the processes already running go on: a guard against fork bombs. (--pids-limit)</source>
        <translation>容器同时可拥有的进程和线程的最大数量。超出后，fork 和 clone 会失败（“Resource temporarily unavailable”），而已在运行的进程不受影响：可用于防范 fork 炸弹。（--pids-limit）</translation>
    </message>
    <message>
        <source>Block I/O weight</source>
        <translation>块设备 I/O 权重</translation>
    </message>
    <message>
        <source>default</source>
        <extracomment>A spin box at 0: the kernel&apos;s default block I/O weight.</extracomment>
        <translation>默认</translation>
    </message>
    <message>
        <source>Block I/O wei&amp;ght:</source>
        <translation>块设备 I/O 权重(&amp;G)：</translation>
    </message>
    <message>
        <source>The container&apos;s share of disk time when containers compete for a disk, relative to the others, from 10 to 1000 (the kernel&apos;s default is 500). Only I/O schedulers with weights (BFQ) honour it, and it limits nothing while the disk is free. (--blkio-weight)</source>
        <translation>多个容器争用同一磁盘时，该容器相对于其他容器所获得的磁盘时间份额，范围为 10 到 1000（内核默认为 500）。只有支持权重的 I/O 调度器（BFQ）才会遵循此设置；磁盘空闲时，它不限制任何东西。（--blkio-weight）</translation>
    </message>
    <message>
        <source>Device throttles:</source>
        <translation>设备限速：</translation>
    </message>
    <message>
        <source>Upper limits on reading from or writing to one block device (/dev/sda), in bytes per second (10m, 512k) or in operations per second (100). The container&apos;s I/O on that device is slowed down to the rate, never refused. On cgroup v1 only direct I/O is throttled: writes through the page cache are not. (--device-read-bps, --device-write-bps, --device-read-iops, --device-write-iops)</source>
        <translation>对单个块设备（/dev/sda）读取或写入速率的上限，以每秒字节数（10m、512k）或每秒操作数（100）表示。容器在该设备上的 I/O 会被降速到此速率，但绝不会被拒绝。在 cgroup v1 上只有直接 I/O 会被限速：经由页缓存的写入不受限制。（--device-read-bps, --device-write-bps, --device-read-iops, --device-write-iops）</translation>
    </message>
    <message>
        <source>Row %1: </source>
        <translation>第 %1 行：</translation>
    </message>
</context>
<context>
    <name>hako::gui::CreateSecurityPage</name>
    <message>
        <source>What the container&apos;s processes may do to the kernel and the host. The defaults are Docker&apos;s; choices marked with a warning weaken the isolation, and creating such a container needs an administrator&apos;s approval.</source>
        <translation>容器中的进程可以对内核和主机执行哪些操作。默认值与 Docker 相同；带警告标记的选项会削弱隔离，创建这样的容器需要管理员批准。</translation>
    </message>
    <message>
        <source>Privileged mode</source>
        <translation>特权模式</translation>
    </message>
    <message>
        <source>Privileged &amp;container (--privileged)</source>
        <translation>特权容器（--privileged）(&amp;C)</translation>
    </message>
    <message>
        <source>Turns off nearly all of the container&apos;s isolation. Only for containers that must manage the host, such as a container that runs containers or loads drivers.</source>
        <translation>关闭容器几乎全部的隔离。仅适用于必须管理主机的容器，例如在其中运行容器或加载驱动程序的容器。</translation>
    </message>
    <message>
        <source>A privileged container gets every capability, no system call filter, every device of the host, a writable /sys and /proc, and nothing masked: a process in it can take over the host. Creating it needs an administrator&apos;s approval.</source>
        <translation>特权容器拥有全部权能，没有系统调用过滤器，可访问主机的所有设备，/sys 和 /proc 可写，且不屏蔽任何内容：其中的进程可以接管主机。创建特权容器需要管理员批准。</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>权能</translation>
    </message>
    <message>
        <source>Root&apos;s powers, split into parts. A checked capability is the container&apos;s; Docker&apos;s 14 defaults let ordinary programs run as root in it. Uncheck what the program does not need. (--cap-add, --cap-drop)</source>
        <translation>权能是拆分成若干部分的 root 权力。容器拥有勾选的权能；Docker 的 14 项默认权能足以让普通程序在容器中以 root 身份运行。请取消勾选程序不需要的权能。（--cap-add, --cap-drop）</translation>
    </message>
    <message>
        <source>A privileged container gets every capability: this list does not apply.</source>
        <translation>特权容器拥有全部权能：此列表不适用。</translation>
    </message>
    <message>
        <source>System call filter (seccomp)</source>
        <translation>系统调用过滤 (seccomp)</translation>
    </message>
    <message>
        <source>Which kernel functions the container&apos;s processes may call. (--security-opt seccomp=…)</source>
        <translation>容器中的进程可以调用哪些内核函数。（--security-opt seccomp=…）</translation>
    </message>
    <message>
        <source>Users and privileges</source>
        <translation>用户与特权</translation>
    </message>
    <message>
        <source>&amp;No new privileges</source>
        <translation>禁止获取新特权(&amp;N)</translation>
    </message>
    <message>
        <source>Programs cannot gain rights they were not started with: set-user-ID programs such as su and sudo, and file capabilities, give nothing. (--security-opt no-new-privileges)</source>
        <translation>程序无法获得启动时未拥有的权限：su、sudo 等 set-user-ID 程序以及文件权能都不再赋予任何权限。（--security-opt no-new-privileges）</translation>
    </message>
    <message>
        <source>Map root to an unprivileged &amp;host range (--userns=remap)</source>
        <translation>将 root 映射到主机上的非特权 ID 范围（--userns=remap）(&amp;H)</translation>
    </message>
    <message>
        <source>The container gets its own user namespace: its root and other users are unprivileged IDs on the host (the subordinate IDs of the host user “hako” in /etc/subuid and /etc/subgid), so a process that breaks out has no rights on the host.</source>
        <translation>容器获得独立的用户命名空间：其 root 及其他用户在主机上都是非特权 ID（即 /etc/subuid 和 /etc/subgid 中主机用户“hako”的从属 ID），因此逃逸出来的进程在主机上没有任何权限。</translation>
    </message>
    <message>
        <source>The user the command runs as is chosen on the General page (Run as user).</source>
        <translation>命令以哪个用户运行，请在“常规”页上选择（运行用户）。</translation>
    </message>
    <message>
        <source>File system</source>
        <translation>文件系统</translation>
    </message>
    <message>
        <source>Read-&amp;only root file system (--read-only)</source>
        <translation>只读根文件系统（--read-only）(&amp;O)</translation>
    </message>
    <message>
        <source>Nothing in the image can be changed: a program that is broken into cannot replace files. It can still write to the tmpfs mounts below and to volumes.</source>
        <translation>镜像中的任何内容都无法更改：被攻破的程序无法替换文件。它仍可写入下方的 tmpfs 挂载和卷。</translation>
    </message>
    <message>
        <source>Unmas&amp;k kernel files in /proc and /sys (--security-opt systempaths=unconfined)</source>
        <translation>取消屏蔽 /proc 和 /sys 中的内核文件（--security-opt systempaths=unconfined）(&amp;K)</translation>
    </message>
    <message>
        <source>Shows the container the kernel files Docker hides or makes read-only, such as /proc/kcore and /proc/sys. Needs an administrator&apos;s approval.</source>
        <translation>让容器看到 Docker 会隐藏或设为只读的内核文件，例如 /proc/kcore 和 /proc/sys。需要管理员批准。</translation>
    </message>
    <message>
        <source>&amp;Writable tmpfs mounts (--tmpfs):</source>
        <translation>可写的 tmpfs 挂载（--tmpfs）(&amp;W)：</translation>
    </message>
    <message>
        <source>Directories in memory, empty at every start and gone at the stop: where a read-only container writes its temporary files (/tmp, /run). Options as for mount: size=64m, exec …</source>
        <translation>位于内存中的目录，每次启动时为空，停止后即消失：只读容器在这里写入临时文件（/tmp、/run）。选项与 mount 相同：size=64m, exec …</translation>
    </message>
    <message>
        <source>Sharing the host&apos;s process, network or other namespaces is chosen on the Namespaces page.</source>
        <translation>是否共享主机的进程、网络或其他命名空间，请在“命名空间”页上选择。</translation>
    </message>
    <message>
        <source>Open the Namespaces page</source>
        <translation>打开“命名空间”页</translation>
    </message>
    <message>
        <source>Row %1: </source>
        <translation>第 %1 行：</translation>
    </message>
</context>
<context>
    <name>hako::gui::CreateStoragePage</name>
    <message>
        <source>What the container keeps beyond its own writable layer, which is gone when it is removed: volumes Hako manages, folders of this computer, and directories in memory.</source>
        <translation>容器自身的可写层会随容器删除而消失；这里设置在它之外保存数据的位置：Hako 管理的卷、本机的文件夹，以及内存中的目录。</translation>
    </message>
    <message>
        <source>Volumes (-v NAME:PATH)</source>
        <translation>卷（-v 名称:路径）</translation>
    </message>
    <message>
        <source>A volume is a directory Hako keeps under its state folder: it outlives the container and several containers can share it. Choose one of the existing volumes or type a new name; leave the name empty for an anonymous volume.</source>
        <translation>卷是 Hako 保存在其状态目录下的目录：它比容器存在得更久，并可由多个容器共享。可选择已有的卷或输入新名称；名称留空则为匿名卷。</translation>
    </message>
    <message>
        <source>Bind mounts (-v /HOST/PATH:PATH)</source>
        <translation>绑定挂载（-v /主机/路径:路径）</translation>
    </message>
    <message>
        <source>A bind mount shows a folder of this computer inside the container, which can change it unless it is read-only. It needs an administrator&apos;s approval when the container is created.</source>
        <translation>绑定挂载把本机的文件夹显示在容器内，除非设为只读，否则容器可以修改其中的内容。创建容器时需要管理员批准。</translation>
    </message>
    <message>
        <source>C&amp;hoose Folder…</source>
        <translation>选择文件夹(&amp;H)…</translation>
    </message>
    <message>
        <source>Pick the host folder of the selected row (or of a new row)</source>
        <translation>为所选行（或新行）选择主机文件夹</translation>
    </message>
    <message>
        <source>Tmpfs mounts (--tmpfs)</source>
        <translation>tmpfs 挂载（--tmpfs）</translation>
    </message>
    <message>
        <source>Directories in memory, empty at each start. They are set on the Security tab, beside the read-only root file system they are mostly for.</source>
        <translation>内存中的目录，每次启动时为空。它们在“安全”标签页中设置，与主要用到它们的只读根文件系统放在一起。</translation>
    </message>
    <message>
        <source>Edit on the &amp;Security Tab</source>
        <translation>在“安全”标签页中编辑(&amp;S)</translation>
    </message>
    <message>
        <source>Choose a host folder</source>
        <translation>选择主机文件夹</translation>
    </message>
    <message>
        <source>Duplicate mount point: %1</source>
        <translation>挂载点重复：%1</translation>
    </message>
    <message>
        <source>Row %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
</context>
<context>
    <name>hako::gui::DetailsPane</name>
    <message>
        <source>Container details</source>
        <translation>容器详情</translation>
    </message>
    <message>
        <source>Select a container to see its details.</source>
        <translation>选择一个容器以查看其详情。</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Processes</source>
        <translation>进程(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Namespaces</source>
        <translation>命名空间(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Logs</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>检查(&amp;I)</translation>
    </message>
    <message>
        <source>Securit&amp;y</source>
        <translation>安全(&amp;Y)</translation>
    </message>
    <message>
        <source>Net&amp;work</source>
        <extracomment>The details page with the container&apos;s addresses and published ports</extracomment>
        <translation>网络(&amp;W)</translation>
    </message>
</context>
<context>
    <name>hako::gui::DiskUsageDialog</name>
    <message>
        <source>Disk usage</source>
        <translation>磁盘占用</translation>
    </message>
    <message>
        <source>Asking the helper what the images, containers and volumes take…</source>
        <translation>正在向辅助服务查询镜像、容器和卷的占用…</translation>
    </message>
    <message>
        <source>Disk usage summary</source>
        <translation>磁盘占用概要</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总数</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Reclaimable</source>
        <translation>可回收</translation>
    </message>
    <message>
        <source>Reclaimable: what removing the images, containers and volumes no container uses would free.</source>
        <translation>可回收：删除没有容器使用的镜像、容器和卷后可释放的空间。</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>独占</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Writable layer</source>
        <translation>可写层</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>卷</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>卷</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>镜像(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Containers</source>
        <translation>容器(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Volumes</source>
        <translation>卷(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>The disk usage cannot be shown: %1</source>
        <translation>无法显示磁盘占用：%1</translation>
    </message>
    <message>
        <source>Layers shared by several images are counted once in the total.</source>
        <translation>多个镜像共享的层在总数中只计算一次。</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1（%2 %）</translation>
    </message>
</context>
<context>
    <name>hako::gui::EnvTable</name>
    <message>
        <source>Environment variables</source>
        <translation>环境变量</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>&amp;Add variable</source>
        <translation>添加变量(&amp;A)</translation>
    </message>
    <message>
        <source>Add an environment variable</source>
        <translation>添加环境变量</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>删除(&amp;V)</translation>
    </message>
    <message>
        <source>Remove the selected environment variables</source>
        <translation>删除所选环境变量</translation>
    </message>
</context>
<context>
    <name>hako::gui::HelperConnection</name>
    <message>
        <source>The system D-Bus is not running. Start it (on a machine without one: sudo .ci/system-bus), then wait: Hako reconnects by itself.</source>
        <translation>系统 D-Bus 未运行。请启动它（在没有系统总线的机器上：sudo .ci/system-bus），然后稍候：Hako 会自动重新连接。</translation>
    </message>
    <message>
        <source>Hako&apos;s helper has stopped, and the system cannot start it by itself (it is not installed as a D-Bus service). Start hako-helper again, or install Hako (sudo cmake --install build): Hako reconnects by itself.</source>
        <translation>Hako 辅助服务已停止，且系统无法自动启动它（它未安装为 D-Bus 服务）。请重新启动 hako-helper，或安装 Hako（sudo cmake --install build）：Hako 会自动重新连接。</translation>
    </message>
    <message>
        <source>Hako&apos;s helper cannot be reached (%1). Is Hako installed (sudo cmake --install build)? Hako keeps trying and reconnects by itself.</source>
        <translation>无法连接 Hako 辅助服务（%1）。Hako 是否已安装（sudo cmake --install build）？Hako 会持续重试并自动重新连接。</translation>
    </message>
</context>
<context>
    <name>hako::gui::ImageHistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation>%1 的历史</translation>
    </message>
    <message>
        <source>Asking the helper for %1…</source>
        <translation>正在向辅助服务请求 %1…</translation>
    </message>
    <message>
        <source>Layers of the image</source>
        <translation>镜像的层</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>创建指令</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>The history of %1 cannot be shown: %2</source>
        <translation>无法显示 %1 的历史：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2): %n layer(s), %3.</source>
        <translation>
            <numerusform>%1（%2）：%n 层，%3。</numerusform>
        </translation>
    </message>
    <message>
        <source>Changes only the configuration: no layer</source>
        <translation>只修改配置：没有层</translation>
    </message>
</context>
<context>
    <name>hako::gui::ImageJob</name>
    <message>
        <source>Cancelled: nothing was kept.</source>
        <translation>已取消：未保留任何内容。</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>校验中</translation>
    </message>
    <message>
        <source>Extracting</source>
        <translation>解压中</translation>
    </message>
    <message>
        <source>Pull complete</source>
        <translation>拉取完成</translation>
    </message>
    <message>
        <source>Already exists</source>
        <translation>已存在</translation>
    </message>
</context>
<context>
    <name>hako::gui::ImageModel</name>
    <message>
        <source>&lt;none&gt;</source>
        <extracomment>An image without any repository:tag (as docker images shows it)</extracomment>
        <translation>&lt;无&gt;</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Repository:Tag</source>
        <extracomment>Column: the image&apos;s repository and tag, &quot;busybox:latest&quot;</extracomment>
        <translation>仓库:标签</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Used by</source>
        <extracomment>Column: the containers made from the image</extracomment>
        <translation>使用者</translation>
    </message>
</context>
<context>
    <name>hako::gui::ImagesWindow</name>
    <message>
        <source>Images — Hako</source>
        <translation>镜像 — Hako</translation>
    </message>
    <message>
        <source>Could not list the images: %1</source>
        <translation>无法列出镜像：%1</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>关闭(&amp;D)</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>&amp;Pull…</source>
        <translation>拉取(&amp;P)…</translation>
    </message>
    <message>
        <source>Download an image from a registry</source>
        <translation>从镜像仓库下载镜像</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Make an image from a root filesystem tarball, a docker save or an OCI archive</source>
        <translation>从根文件系统 tar 包、docker save 或 OCI 归档创建镜像</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected image (refused while a container uses it)</source>
        <translation>删除所选镜像（有容器使用时会被拒绝）</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
    <message>
        <source>The layers of the selected image and how each was made</source>
        <translation>所选镜像的各层及其生成方式</translation>
    </message>
    <message>
        <source>Prune &amp;Unused…</source>
        <translation>清理未使用(&amp;U)…</translation>
    </message>
    <message>
        <source>Remove every image no container uses, and the layers left over</source>
        <translation>删除所有未被容器使用的镜像及遗留的层</translation>
    </message>
    <message>
        <source>&amp;Disk Usage…</source>
        <translation>磁盘占用(&amp;D)…</translation>
    </message>
    <message>
        <source>What images, containers and volumes take on disk</source>
        <translation>镜像、容器和卷占用的磁盘空间</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>List the images again</source>
        <translation>重新列出镜像</translation>
    </message>
    <message>
        <source>Image actions</source>
        <translation>镜像操作</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>镜像(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 个镜像</numerusform>
        </translation>
    </message>
    <message>
        <source>No images yet.
Pull one from a registry (Pull…) or import an archive (Import…). The busybox image is built in: it appears here once a container has used it.</source>
        <translation>还没有镜像。
可以从镜像仓库拉取（拉取…）或导入归档（导入…）。busybox 镜像是内置的：有容器使用过它之后就会显示在这里。</translation>
    </message>
    <message>
        <source>Asking Hako&apos;s helper for the images…</source>
        <translation>正在向 Hako 辅助服务请求镜像列表…</translation>
    </message>
    <message>
        <source>Remove image</source>
        <translation>删除镜像</translation>
    </message>
    <message>
        <source>Remove the image %1 (%2)?</source>
        <translation>删除镜像 %1（%2）？</translation>
    </message>
    <message>
        <source>Its layers are deleted unless another image shares them.</source>
        <translation>其各层将被删除，除非有其他镜像共享它们。</translation>
    </message>
    <message>
        <source>Could not remove %1: %2</source>
        <translation>无法删除 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Removed %1: %n layer(s) or image(s) deleted.</source>
        <translation>
            <numerusform>已删除 %1：共删除 %n 个层或镜像。</numerusform>
        </translation>
    </message>
    <message>
        <source>Image in use</source>
        <translation>镜像正在使用</translation>
    </message>
    <message>
        <source>%1 cannot be removed: %2</source>
        <translation>无法删除 %1：%2</translation>
    </message>
    <message>
        <source>%1 is used by %2, so it was not removed.</source>
        <translation>%1 正被 %2 使用，因此没有删除。</translation>
    </message>
    <message>
        <source>Force removes its name and id from the list; the containers keep running on the layers they have, which are deleted once no container needs them.</source>
        <translation>强制删除会将其名称和 ID 从列表中移除；容器继续使用已有的层运行，这些层在没有容器需要时才会删除。</translation>
    </message>
    <message>
        <source>&amp;Force Remove</source>
        <translation>强制删除(&amp;F)</translation>
    </message>
    <message>
        <source>Prune unused images</source>
        <translation>清理未使用的镜像</translation>
    </message>
    <message>
        <source>Remove every image no container uses?</source>
        <translation>删除所有未被容器使用的镜像？</translation>
    </message>
    <message>
        <source>They can be pulled or imported again later. Layers no image uses any more are deleted too.</source>
        <translation>以后可以重新拉取或导入。不再被任何镜像使用的层也会被删除。</translation>
    </message>
    <message>
        <source>&amp;Prune</source>
        <translation>清理(&amp;P)</translation>
    </message>
    <message>
        <source>Could not prune the images: %1</source>
        <translation>无法清理镜像：%1</translation>
    </message>
    <message numerus="yes">
        <source>Pruned %n image(s) and layer(s), %1 reclaimed.</source>
        <translation>
            <numerusform>已清理 %n 个镜像和层，回收 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hako::gui::ImportDialog</name>
    <message>
        <source>Import an image</source>
        <translation>导入镜像</translation>
    </message>
    <message>
        <source>Archive file</source>
        <translation>归档文件</translation>
    </message>
    <message>
        <source>a .tar, .tar.gz or .tar.zst file</source>
        <translation>.tar、.tar.gz 或 .tar.zst 文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the archive in a file dialog</source>
        <translation>在文件对话框中选择归档文件</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>A root &amp;filesystem tarball (docker import)</source>
        <translation>根文件系统 tar 包(&amp;F)（docker import）</translation>
    </message>
    <message>
        <source>A tar of a whole file tree, such as hakoctl export writes: it becomes an image of one layer.</source>
        <translation>整个文件树的 tar 包（例如 hakoctl export 的输出）：导入后成为只有一层的镜像。</translation>
    </message>
    <message>
        <source>An image &amp;archive: docker save or OCI layout (docker load)</source>
        <translation>镜像归档(&amp;A)：docker save 或 OCI 布局（docker load）</translation>
    </message>
    <message>
        <source>A tar written by docker save, hakoctl save or skopeo: its images keep their layers, configuration and tags.</source>
        <translation>由 docker save、hakoctl save 或 skopeo 生成的 tar：其中的镜像保留各自的层、配置和标签。</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>optional, such as myimage:1.0</source>
        <translation>可选，例如 myimage:1.0</translation>
    </message>
    <message>
        <source>The name the imported root filesystem gets; an archive keeps its own.</source>
        <translation>导入的根文件系统所用的名称；镜像归档保留自己的名称。</translation>
    </message>
    <message>
        <source>&amp;Tag:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Cancel Import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <source>Choose an archive to import</source>
        <translation>选择要导入的归档文件</translation>
    </message>
    <message>
        <source>Archives (*.tar *.tar.gz *.tgz *.tar.zst *.tar.xz);;All files (*)</source>
        <translation>归档文件 (*.tar *.tar.gz *.tgz *.tar.zst *.tar.xz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 is not a file this app can read.</source>
        <translation>%1 不是本程序可以读取的文件。</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>The import failed: %1</source>
        <translation>导入失败：%1</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>已导入 %1。</translation>
    </message>
</context>
<context>
    <name>hako::gui::InspectPage</name>
    <message>
        <source>The container&apos;s inspect document (JSON)</source>
        <translation>容器的检查文档（JSON）</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the JSON document</source>
        <translation>复制 JSON 文档</translation>
    </message>
    <message>
        <source>The same document as hakoctl inspect prints.</source>
        <extracomment>Tells the user the command line that prints the same document</extracomment>
        <translation>与 hakoctl inspect 输出的文档相同。</translation>
    </message>
</context>
<context>
    <name>hako::gui::IsolationDialog</name>
    <message>
        <source>Isolation check — %1</source>
        <extracomment>%1 is the container&apos;s name.</extracomment>
        <translation>隔离检查 — %1</translation>
    </message>
    <message>
        <source>Hako runs its own read-only probe inside the container and compares what it sees with the container&apos;s settings and with the host. Select or expand a check to see its evidence.</source>
        <translation>Hako 在容器内运行自带的只读探测程序，并将其所见与容器的设置及主机进行比较。选择或展开某项检查即可查看其证据。</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>关闭(&amp;D)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>&amp;Run Again</source>
        <translation>重新运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run every check again: the container may have changed</source>
        <translation>重新运行所有检查：容器可能已发生变化</translation>
    </message>
    <message>
        <source>&amp;Copy Report</source>
        <translation>复制报告(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the whole report, with its evidence, as JSON</source>
        <translation>以 JSON 格式复制完整报告（含证据）</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查项列表</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Evidence of the selected check</source>
        <translation>所选检查项的证据</translation>
    </message>
    <message>
        <source>Select a check to see what was read or run, and what it answered.</source>
        <translation>选择一个检查项，查看读取或运行了什么，以及得到的结果。</translation>
    </message>
    <message>
        <source>Running the checks inside “%1”…</source>
        <translation>正在“%1”内运行检查…</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>正在检查</translation>
    </message>
    <message>
        <source>The helper&apos;s report could not be read: %1</source>
        <translation>无法读取辅助服务的报告：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) failed: the kernel shows less isolation than the container&apos;s settings ask for.</source>
        <translation>
            <numerusform>%n 项检查未通过：内核显示的隔离程度低于容器设置的要求。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No check failed; %n weakened by the container&apos;s own settings.</source>
        <translation>
            <numerusform>没有检查未通过；%n 项因容器自身的设置而被削弱。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No check failed; %n could not be checked.</source>
        <translation>
            <numerusform>没有检查未通过；%n 项无法检查。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every check passed: the container is isolated.</source>
        <translation>所有检查均已通过：容器处于隔离状态。</translation>
    </message>
    <message>
        <source>Could not check “%1”: %2</source>
        <extracomment>%1 is the container&apos;s name, %2 why the check could not run.</extracomment>
        <translation>无法检查“%1”：%2</translation>
    </message>
    <message>
        <source>Own PID view</source>
        <extracomment>The isolation checks, as titles of their rows.</extracomment>
        <translation>独立的 PID 视图</translation>
    </message>
    <message>
        <source>Own hostname</source>
        <translation>独立的主机名</translation>
    </message>
    <message>
        <source>Own network stack</source>
        <translation>独立的网络栈</translation>
    </message>
    <message>
        <source>Own IPC</source>
        <translation>独立的 IPC</translation>
    </message>
    <message>
        <source>Own mount table</source>
        <translation>独立的挂载表</translation>
    </message>
    <message>
        <source>User mapping</source>
        <translation>用户映射</translation>
    </message>
    <message>
        <source>Capabilities</source>
        <translation>权能</translation>
    </message>
    <message>
        <source>Seccomp filter</source>
        <translation>Seccomp 过滤器</translation>
    </message>
    <message>
        <source>Resource limits</source>
        <translation>资源限制</translation>
    </message>
    <message>
        <source>Isolated</source>
        <extracomment>Verdict of an isolation check: the container has its own / the confinement holds.</extracomment>
        <translation>已隔离</translation>
    </message>
    <message>
        <source>Weakened</source>
        <extracomment>Verdict: less isolated, because the container&apos;s settings ask for that.</extracomment>
        <translation>已削弱</translation>
    </message>
    <message>
        <source>Failed</source>
        <extracomment>Verdict: the kernel shows something other than the settings ask for.</extracomment>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Unknown</source>
        <extracomment>Verdict: the check could not be made.</extracomment>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>hako::gui::KillDialog</name>
    <message>
        <source>end at once, without cleaning up</source>
        <translation>立即结束，不做清理</translation>
    </message>
    <message>
        <source>ask to terminate</source>
        <translation>请求终止</translation>
    </message>
    <message>
        <source>interrupt, like Ctrl+C</source>
        <translation>中断，如同 Ctrl+C</translation>
    </message>
    <message>
        <source>hang up; many daemons reload their settings</source>
        <translation>挂起；许多守护进程会重新加载设置</translation>
    </message>
    <message>
        <source>quit, with a core dump</source>
        <translation>退出，并生成核心转储</translation>
    </message>
    <message>
        <source>user-defined signal 1</source>
        <translation>用户自定义信号 1</translation>
    </message>
    <message>
        <source>user-defined signal 2</source>
        <translation>用户自定义信号 2</translation>
    </message>
    <message>
        <source>Send a signal</source>
        <translation>发送信号</translation>
    </message>
    <message>
        <source>Which signal should be sent to the main process of “%1”?</source>
        <translation>要向“%1”的主进程发送哪个信号？</translation>
    </message>
    <message>
        <source>Which signal should be sent to the main processes of %1 containers?</source>
        <translation>要向 %1 个容器的主进程发送哪个信号？</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>信号</translation>
    </message>
    <message>
        <source>Pick a signal, or type a name or number (USR1, SIGRTMIN+3, 10).</source>
        <translation>选择一个信号，或输入信号名称或编号（USR1、SIGRTMIN+3、10）。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>“%1” is not a signal. Use a name such as TERM or USR1, or a number from 1 to 64.</source>
        <translation>“%1”不是信号。请使用 TERM 或 USR1 等名称，或 1 到 64 之间的编号。</translation>
    </message>
</context>
<context>
    <name>hako::gui::LimitsDialog</name>
    <message>
        <source>Limits of “%1”</source>
        <extracomment>%1 is the container&apos;s name.</extracomment>
        <translation>“%1”的资源限制</translation>
    </message>
    <message>
        <source>The resource limits of “%1”. A change applies at once while the container runs, and stays for its next starts.</source>
        <translation>“%1”的资源限制。容器运行时，更改会立即生效，并在以后每次启动时继续有效。</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Apply the changed limits</source>
        <translation>应用更改后的限制</translation>
    </message>
    <message>
        <source>Could not read the container&apos;s limits: %1</source>
        <translation>无法读取容器的资源限制：%1</translation>
    </message>
    <message>
        <source>Correct the settings marked in red first.</source>
        <translation>请先更正标为红色的设置。</translation>
    </message>
    <message>
        <source>No limit has been changed.</source>
        <translation>未更改任何限制。</translation>
    </message>
    <message>
        <source>The helper refused the limits: %1</source>
        <translation>辅助服务拒绝了这些限制：%1</translation>
    </message>
</context>
<context>
    <name>hako::gui::LogStream</name>
    <message>
        <source>cannot make the log stream non-blocking: %1</source>
        <translation>无法将日志流设为非阻塞：%1</translation>
    </message>
    <message>
        <source>cannot read the log stream: %1</source>
        <translation>无法读取日志流：%1</translation>
    </message>
</context>
<context>
    <name>hako::gui::LogsPage</name>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>&amp;Follow</source>
        <translation>跟随(&amp;F)</translation>
    </message>
    <message>
        <source>Show new output as the container writes it, and keep the newest line in view</source>
        <translation>在容器写出新输出时立即显示，并使最新一行保持可见</translation>
    </message>
    <message>
        <source>&amp;Timestamps</source>
        <translation>时间戳(&amp;T)</translation>
    </message>
    <message>
        <source>Show when each line was written (UTC, RFC 3339)</source>
        <translation>显示每行的写入时间（UTC，RFC 3339）</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected lines, or the whole log when none is selected</source>
        <translation>复制所选行；未选择任何行时复制整个日志</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the log, as shown, to a file</source>
        <translation>将日志按当前显示的样子保存到文件</translation>
    </message>
    <message>
        <source>Find in the log</source>
        <translation>在日志中查找</translation>
    </message>
    <message>
        <source>Find in the log (Ctrl+F)</source>
        <translation>在日志中查找 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <source>Find previous (Shift+F3)</source>
        <translation>查找上一个 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <source>Find next (F3)</source>
        <translation>查找下一个 (F3)</translation>
    </message>
    <message>
        <source>Match c&amp;ase</source>
        <translation>区分大小写(&amp;A)</translation>
    </message>
    <message>
        <source>The container is not running: this is its whole log.</source>
        <translation>容器未在运行：这是它的完整日志。</translation>
    </message>
    <message>
        <source>Not following: new output is not shown until you tick Follow.</source>
        <translation>未跟随：勾选“跟随”之前不会显示新输出。</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Line %1 of %2</source>
        <extracomment>Where the search found its term: &quot;Line 99999 of 100000&quot;</extracomment>
        <translation>第 %1 行，共 %2 行</translation>
    </message>
    <message>
        <source>Save the log</source>
        <translation>保存日志</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt);;All files (*)</source>
        <translation>日志文件 (*.log *.txt);;所有文件 (*)</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n line(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 行保存到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the log to %1: %2</source>
        <translation>无法将日志保存到 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s)</source>
        <extracomment>How many lines the log has</extracomment>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hako::gui::MainWindow</name>
    <message>
        <source>Hako</source>
        <translation>Hako</translation>
    </message>
    <message>
        <source>Container details</source>
        <translation>容器详情</translation>
    </message>
    <message>
        <source>Retry &amp;Now</source>
        <translation>立即重试(&amp;N)</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>连接问题</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>关闭(&amp;D)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Filter by name, image, state or command (Ctrl+F)</source>
        <translation>按名称、镜像、状态或命令筛选 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter containers</source>
        <translation>筛选容器</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Container</source>
        <translation>容器(&amp;C)</translation>
    </message>
    <message>
        <source>Container actions</source>
        <translation>容器操作</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message>
        <source>Show &amp;Details</source>
        <translation>显示详情(&amp;D)</translation>
    </message>
    <message>
        <source>Go to the &amp;Table</source>
        <translation>转到表格(&amp;T)</translation>
    </message>
    <message>
        <source>Go to the De&amp;tails</source>
        <translation>转到详情(&amp;T)</translation>
    </message>
    <message>
        <source>Connection to the helper</source>
        <translation>与辅助服务的连接</translation>
    </message>
    <message>
        <source>Container counts</source>
        <translation>容器数量</translation>
    </message>
    <message>
        <source>Could not list the containers: %1</source>
        <translation>无法列出容器：%1</translation>
    </message>
    <message>
        <source>Connected to Hako&apos;s helper</source>
        <translation>已连接到 Hako 辅助服务</translation>
    </message>
    <message>
        <source>Connecting to Hako&apos;s helper…</source>
        <translation>正在连接 Hako 辅助服务…</translation>
    </message>
    <message>
        <source>Not connected: retrying every few seconds</source>
        <translation>未连接：每隔几秒重试一次</translation>
    </message>
    <message>
        <source>The containers could not be listed.
%1</source>
        <translation>无法列出容器。
%1</translation>
    </message>
    <message>
        <source>Asking Hako&apos;s helper for the containers…</source>
        <translation>正在向 Hako 辅助服务获取容器列表…</translation>
    </message>
    <message>
        <source>No containers yet.
Create one with New Container (%1), or with hakoctl run in a terminal: it appears here at once.</source>
        <translation>尚无容器。
可通过“新建容器”(%1) 创建，或在终端中运行 hakoctl run 创建：新容器会立即显示在这里。</translation>
    </message>
    <message>
        <source>No container matches “%1”.</source>
        <translation>没有与“%1”匹配的容器。</translation>
    </message>
    <message>
        <source>1 container, %1 running</source>
        <translation>1 个容器，%1 个运行中</translation>
    </message>
    <message>
        <source>%1 containers, %2 running</source>
        <translation>%1 个容器，%2 个运行中</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>已选择 %1 个</translation>
    </message>
    <message>
        <source>Container “%1” stopped</source>
        <translation>容器“%1”已停止</translation>
    </message>
    <message>
        <source>It ran out of memory and was killed (exit status %1).</source>
        <translation>它因内存耗尽而被终止（退出状态 %1）。</translation>
    </message>
    <message>
        <source>It stopped unexpectedly.</source>
        <translation>它意外停止了。</translation>
    </message>
    <message>
        <source>It stopped unexpectedly: %1</source>
        <translation>它意外停止：%1</translation>
    </message>
    <message>
        <source>Its main process ended with exit status %1.</source>
        <translation>其主进程已结束，退出状态为 %1。</translation>
    </message>
    <message>
        <source>St&amp;atistics…</source>
        <extracomment>Opens a window with graphs of the selected container&apos;s CPU, memory, network…</extracomment>
        <translation>统计信息(&amp;A)…</translation>
    </message>
    <message>
        <source>Graphs of the selected container&apos;s CPU, memory, network, disk and processes over the last minutes</source>
        <translation>所选容器最近几分钟的 CPU、内存、网络、磁盘和进程图表</translation>
    </message>
    <message>
        <source>Check &amp;Isolation…</source>
        <extracomment>Runs checks inside the selected container that show whether it is isolated.</extracomment>
        <translation>检查隔离(&amp;I)…</translation>
    </message>
    <message>
        <source>Check that the selected running container has its own processes, hostname, network, IPC and mounts, and that its user, capabilities, seccomp filter and limits are in force</source>
        <translation>检查所选运行中的容器是否拥有独立的进程、主机名、网络、IPC 和挂载，以及其用户、权能、seccomp 过滤器和资源限制是否已生效</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>镜像(&amp;I)</translation>
    </message>
    <message>
        <source>I&amp;mages…</source>
        <extracomment>Opens the window listing the images containers are made from</extracomment>
        <translation>镜像(&amp;M)…</translation>
    </message>
    <message>
        <source>The images: pull, import, remove, history (%1)</source>
        <translation>镜像：拉取、导入、删除、历史（%1）</translation>
    </message>
    <message>
        <source>&amp;Disk Usage…</source>
        <translation>磁盘占用(&amp;D)…</translation>
    </message>
    <message>
        <source>What images, containers and volumes take on disk (%1)</source>
        <translation>镜像、容器和卷占用的磁盘空间（%1）</translation>
    </message>
    <message>
        <source>Net&amp;works</source>
        <translation>网络(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Networks…</source>
        <extracomment>Opens the window listing the networks containers can be put on</extracomment>
        <translation>网络(&amp;N)…</translation>
    </message>
    <message>
        <source>The networks: create, remove, see who is on each (%1)</source>
        <translation>网络：创建、删除，查看每个网络上有哪些容器（%1）</translation>
    </message>
</context>
<context>
    <name>hako::gui::MountTable</name>
    <message>
        <source>Volumes</source>
        <translation>卷</translation>
    </message>
    <message>
        <source>Bind mounts</source>
        <translation>绑定挂载</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>卷</translation>
    </message>
    <message>
        <source>Host folder</source>
        <translation>主机文件夹</translation>
    </message>
    <message>
        <source>Path in the container</source>
        <translation>容器内路径</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>A named volume keeps its files when the container is removed; a new name creates it. Empty: an anonymous volume.</source>
        <translation>命名卷在容器删除后仍保留其文件；输入新名称即创建新卷。留空：匿名卷。</translation>
    </message>
    <message>
        <source>A folder of this computer, seen inside the container at the path given (an absolute path).</source>
        <translation>本机的一个文件夹，在容器内显示于给定路径（绝对路径）。</translation>
    </message>
    <message>
        <source>Add &amp;Volume</source>
        <translation>添加卷(&amp;V)</translation>
    </message>
    <message>
        <source>Add a volume</source>
        <translation>添加卷</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected volumes</source>
        <translation>删除所选的卷</translation>
    </message>
    <message>
        <source>Add &amp;Bind Mount</source>
        <translation>添加绑定挂载(&amp;B)</translation>
    </message>
    <message>
        <source>Add a bind mount</source>
        <translation>添加绑定挂载</translation>
    </message>
    <message>
        <source>Remove the selected bind mounts</source>
        <translation>删除所选的绑定挂载</translation>
    </message>
    <message>
        <source>The container can read the files but not change them</source>
        <translation>容器可以读取这些文件，但不能修改</translation>
    </message>
    <message>
        <source>Row %1: enter the path in the container</source>
        <translation>第 %1 行：请输入容器内路径</translation>
    </message>
</context>
<context>
    <name>hako::gui::NamespacesPage</name>
    <message>
        <source>Namespaces of the container and of the host</source>
        <translation>容器与主机的命名空间</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>What it isolates</source>
        <translation>隔离内容</translation>
    </message>
    <message>
        <source>Container</source>
        <extracomment>The inode number of the container&apos;s namespace</extracomment>
        <translation>容器</translation>
    </message>
    <message>
        <source>Host</source>
        <extracomment>The inode number of the host&apos;s namespace</extracomment>
        <translation>主机</translation>
    </message>
    <message>
        <source>Status</source>
        <extracomment>Isolated, or shared with the host</extracomment>
        <translation>状态</translation>
    </message>
    <message>
        <source>Namespaces exist only while the container runs; it is not running now.</source>
        <translation>命名空间仅在容器运行时存在；该容器当前未在运行。</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Isolated</source>
        <translation>已隔离</translation>
    </message>
    <message>
        <source>Shared with the host</source>
        <translation>与主机共享</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Process IDs: the container sees only its own processes, its first one as PID 1.</source>
        <translation>进程 ID：容器只能看到自己的进程，其第一个进程为 PID 1。</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Network interfaces, addresses, routes, firewall rules and ports.</source>
        <translation>网络接口、地址、路由、防火墙规则和端口。</translation>
    </message>
    <message>
        <source>Mount</source>
        <translation>挂载</translation>
    </message>
    <message>
        <source>Mount points: the container has its own root file system and mounts.</source>
        <translation>挂载点：容器拥有自己的根文件系统和挂载。</translation>
    </message>
    <message>
        <source>IPC</source>
        <translation>IPC</translation>
    </message>
    <message>
        <source>System V IPC and POSIX message queues: shared memory, semaphores.</source>
        <translation>System V IPC 和 POSIX 消息队列：共享内存、信号量。</translation>
    </message>
    <message>
        <source>UTS</source>
        <translation>UTS</translation>
    </message>
    <message>
        <source>The host name and the NIS domain name.</source>
        <translation>主机名和 NIS 域名。</translation>
    </message>
    <message>
        <source>Cgroup</source>
        <translation>控制组</translation>
    </message>
    <message>
        <source>The view of the cgroup tree: the container sees its own cgroup as the root.</source>
        <translation>控制组树的视图：容器将自己所在的控制组视为根。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>User and group IDs: root inside can be an unprivileged user on the host.</source>
        <translation>用户和组 ID：容器内的 root 可以是主机上的非特权用户。</translation>
    </message>
</context>
<context>
    <name>hako::gui::NetworkCreateDialog</name>
    <message>
        <source>New network</source>
        <translation>新建网络</translation>
    </message>
    <message>
        <source>for example backend</source>
        <translation>例如 backend</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>chosen by Hako, for example 172.18.0.0/16</source>
        <translation>由 Hako 选择，例如 172.18.0.0/16</translation>
    </message>
    <message>
        <source>&amp;Subnet:</source>
        <translation>子网(&amp;S)：</translation>
    </message>
    <message>
        <source>the subnet&apos;s first address</source>
        <translation>子网的第一个地址</translation>
    </message>
    <message>
        <source>&amp;Gateway:</source>
        <translation>网关(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Internal: no way out of this computer</source>
        <translation>内部(&amp;I)：无法通往这台计算机之外</translation>
    </message>
    <message>
        <source>Containers on it may &amp;reach each other</source>
        <translation>其上的容器可以互相访问(&amp;R)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Crea&amp;te</source>
        <translation>创建(&amp;T)</translation>
    </message>
    <message>
        <source>A network needs a name.</source>
        <translation>网络需要一个名称。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a network name: letters, digits, &quot;_&quot;, &quot;.&quot; and &quot;-&quot;, starting with a letter or digit</source>
        <translation>“%1”不是有效的网络名称：只能包含字母、数字、“_”、“.”和“-”，并以字母或数字开头</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is the name of a network Hako has built in</source>
        <translation>“%1”是 Hako 内置网络的名称</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address (four numbers 0-255 with dots)</source>
        <translation>“%1”不是 IPv4 地址（用点分隔的四个 0-255 的数字）</translation>
    </message>
    <message>
        <source>A gateway needs a subnet to be in.</source>
        <translation>指定网关时需要同时指定它所在的子网。</translation>
    </message>
    <message>
        <source>%1 is not in the subnet %2</source>
        <translation>%1 不在子网 %2 中</translation>
    </message>
    <message>
        <source>Could not create the network %1: %2</source>
        <translation>无法创建网络 %1：%2</translation>
    </message>
</context>
<context>
    <name>hako::gui::NetworkModel</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Whether containers on this network may reach each other</source>
        <translation>此网络上的容器是否可以互相访问</translation>
    </message>
    <message>
        <source>An internal network has no way out of this computer</source>
        <translation>内部网络无法通往这台计算机之外</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Driver</source>
        <extracomment>Column: how the network is made (&quot;bridge&quot;; &quot;host&quot; and &quot;null&quot; for the pseudo ones)</extracomment>
        <translation>驱动</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>子网</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>Bridge</source>
        <extracomment>Column: the name of the network&apos;s bridge interface on the host (&quot;hako0&quot;)</extracomment>
        <translation>网桥</translation>
    </message>
    <message>
        <source>Internal</source>
        <extracomment>Column: whether the network has no way out of the computer</extracomment>
        <translation>内部</translation>
    </message>
    <message>
        <source>Between containers</source>
        <extracomment>Column: whether containers on the network may talk to each other</extracomment>
        <translation>容器间互通</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
</context>
<context>
    <name>hako::gui::NetworkPage</name>
    <message>
        <source>the network of container %1</source>
        <extracomment>The container uses another container&apos;s network: &quot;the network of container 3f2a…&quot;</extracomment>
        <translation>容器 %1 的网络</translation>
    </message>
    <message>
        <source>the host&apos;s network</source>
        <translation>主机的网络</translation>
    </message>
    <message>
        <source>none (loopback only)</source>
        <translation>无（仅回环接口）</translation>
    </message>
    <message>
        <source>bridge (%1)</source>
        <extracomment>Bridge mode and the networks the container is on: &quot;bridge (backend, bridge)&quot;</extracomment>
        <translation>网桥（%1）</translation>
    </message>
    <message>
        <source>Mode:</source>
        <extracomment>The container&apos;s network mode: bridge, none, host or another container&apos;s</extracomment>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>接口</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC 地址</translation>
    </message>
    <message>
        <source>Published ports</source>
        <translation>发布的端口</translation>
    </message>
    <message>
        <source>Host IP</source>
        <translation>主机 IP</translation>
    </message>
    <message>
        <source>Host port</source>
        <translation>主机端口</translation>
    </message>
    <message>
        <source>Container port</source>
        <translation>容器端口</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Addresses are given while the container runs; it is not running now.</source>
        <translation>地址只在容器运行时分配；它现在没有运行。</translation>
    </message>
    <message>
        <source>every address</source>
        <translation>所有地址</translation>
    </message>
</context>
<context>
    <name>hako::gui::NetworksWindow</name>
    <message>
        <source>Networks — Hako</source>
        <translation>网络 — Hako</translation>
    </message>
    <message>
        <source>Could not list the networks: %1</source>
        <translation>无法列出网络：%1</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>关闭(&amp;D)</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>&amp;New Network…</source>
        <translation>新建网络(&amp;N)…</translation>
    </message>
    <message>
        <source>Make a network containers can be put on</source>
        <translation>创建一个可供容器接入的网络</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected network (refused while a container is on it)</source>
        <translation>删除所选网络（有容器在其上时会被拒绝）</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>List the networks again</source>
        <translation>重新列出网络</translation>
    </message>
    <message>
        <source>Network actions</source>
        <translation>网络操作</translation>
    </message>
    <message>
        <source>&amp;Network</source>
        <translation>网络(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <source>%n network(s)</source>
        <translation>
            <numerusform>%n 个网络</numerusform>
        </translation>
    </message>
    <message>
        <source>Created the network %1.</source>
        <translation>已创建网络 %1。</translation>
    </message>
    <message>
        <source>Remove network</source>
        <translation>删除网络</translation>
    </message>
    <message>
        <source>Remove the network %1?</source>
        <translation>删除网络 %1？</translation>
    </message>
    <message>
        <source>Its bridge and firewall rules are deleted. It is refused while a container is on the network.</source>
        <translation>它的网桥和防火墙规则会被删除。有容器在此网络上时会被拒绝。</translation>
    </message>
    <message>
        <source>Could not remove the network %1: %2</source>
        <translation>无法删除网络 %1：%2</translation>
    </message>
    <message>
        <source>Removed the network %1.</source>
        <translation>已删除网络 %1。</translation>
    </message>
</context>
<context>
    <name>hako::gui::OverviewPage</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>PID on the host</source>
        <extracomment>The process id of the container&apos;s first process, as the host numbers it</extracomment>
        <translation>主机上的 PID</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>启动时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>退出码</translation>
    </message>
    <message>
        <source>Ended by signal</source>
        <extracomment>The signal that ended the container&apos;s process (SIGKILL…)</extracomment>
        <translation>终止信号</translation>
    </message>
    <message>
        <source>Killed for lack of memory</source>
        <extracomment>Whether the kernel&apos;s out-of-memory killer ended the container</extracomment>
        <translation>因内存不足被终止</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>重启次数</translation>
    </message>
    <message>
        <source>Error</source>
        <extracomment>Why the container&apos;s last start failed, or why its supervision was lost</extracomment>
        <translation>错误</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>This container has been removed.</source>
        <translation>此容器已被删除。</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Limits</source>
        <extracomment>The container&apos;s resource limits (CPU, memory, processes, block I/O).</extracomment>
        <translation>资源限制</translation>
    </message>
    <message>
        <source>%1 (OOM killed)</source>
        <extracomment>The kernel&apos;s OOM killer ended the container: &quot;Exited (OOM killed)&quot;.</extracomment>
        <translation>%1 (因 OOM 被终止)</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>read-write</source>
        <translation>读写</translation>
    </message>
    <message>
        <source>volume %1 → %2 (%3)</source>
        <extracomment>A mount in the overview: &quot;volume data → /var/lib/data (read-write)&quot;</extracomment>
        <translation>卷 %1 → %2（%3）</translation>
    </message>
    <message>
        <source>(anonymous)</source>
        <translation>（匿名）</translation>
    </message>
    <message>
        <source>bind %1 → %2 (%3)</source>
        <translation>绑定 %1 → %2（%3）</translation>
    </message>
    <message>
        <source>tmpfs %1 (%2)</source>
        <translation>tmpfs %1（%2）</translation>
    </message>
    <message>
        <source>Mounts</source>
        <extracomment>The container&apos;s volumes, bind mounts and tmpfs mounts</extracomment>
        <translation>挂载</translation>
    </message>
</context>
<context>
    <name>hako::gui::PageMessage</name>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>hako::gui::PortTable</name>
    <message>
        <source>Published ports</source>
        <translation>发布的端口</translation>
    </message>
    <message>
        <source>Host IP</source>
        <translation>主机 IP</translation>
    </message>
    <message>
        <source>Host port</source>
        <translation>主机端口</translation>
    </message>
    <message>
        <source>Container port</source>
        <translation>容器端口</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>&amp;Add port</source>
        <translation>添加端口(&amp;A)</translation>
    </message>
    <message>
        <source>Publish a port of the container</source>
        <translation>发布容器的一个端口</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>删除(&amp;V)</translation>
    </message>
    <message>
        <source>Remove the selected published ports</source>
        <translation>删除所选的发布端口</translation>
    </message>
</context>
<context>
    <name>hako::gui::ProcessModel</name>
    <message>
        <source>PID</source>
        <extracomment>The process id as the container sees it</extracomment>
        <translation>PID</translation>
    </message>
    <message>
        <source>Host PID</source>
        <extracomment>The same process&apos;s id as the host sees it</extracomment>
        <translation>主机 PID</translation>
    </message>
    <message>
        <source>UID</source>
        <extracomment>The process&apos;s effective user id (a number)</extracomment>
        <translation>UID</translation>
    </message>
    <message>
        <source>CPU %</source>
        <extracomment>CPU time over the process&apos;s lifetime, in percent</extracomment>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
</context>
<context>
    <name>hako::gui::ProcessesPage</name>
    <message>
        <source>Processes in the container</source>
        <translation>容器中的进程</translation>
    </message>
    <message>
        <source>The container is not running, so it has no processes.</source>
        <translation>容器未在运行，因此没有进程。</translation>
    </message>
</context>
<context>
    <name>hako::gui::PullDialog</name>
    <message>
        <source>Pull an image</source>
        <translation>拉取镜像</translation>
    </message>
    <message>
        <source>Image reference</source>
        <translation>镜像引用</translation>
    </message>
    <message>
        <source>busybox, library/alpine:3.19, 127.0.0.1:5000/app:v1</source>
        <translation>busybox、library/alpine:3.19、127.0.0.1:5000/app:v1</translation>
    </message>
    <message>
        <source>An image reference as docker pull takes it: [registry/]name[:tag] or name@sha256:digest. Without a registry, Docker Hub.</source>
        <translation>与 docker pull 相同的镜像引用：[仓库服务器/]名称[:标签] 或 名称@sha256:摘要。未写仓库服务器时使用 Docker Hub。</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>引用(&amp;R)：</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>only for a registry that asks</source>
        <translation>仅在镜像仓库要求时填写</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>&amp;Pull</source>
        <translation>拉取(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Cancel Pull</source>
        <translation>取消拉取(&amp;C)</translation>
    </message>
    <message>
        <source>Stop the download; nothing of it is kept.</source>
        <translation>停止下载；已下载的内容不会保留。</translation>
    </message>
    <message>
        <source>Type the image to pull, such as busybox or 127.0.0.1:5000/app:v1.</source>
        <translation>请输入要拉取的镜像，例如 busybox 或 127.0.0.1:5000/app:v1。</translation>
    </message>
    <message>
        <source>Asking the registry for %1…</source>
        <translation>正在向镜像仓库请求 %1…</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>层 %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>The pull failed: %1</source>
        <translation>拉取失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>Pulled %1 (digest %2): %3 downloaded in %n blob(s).</source>
        <translation>
            <numerusform>已拉取 %1（摘要 %2）：共下载 %3，%n 个数据块。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hako::gui::SeccompChoice</name>
    <message>
        <source>A privileged container runs without a system call filter: the choice below does not apply.</source>
        <translation>特权容器运行时没有系统调用过滤器：下面的选择不适用。</translation>
    </message>
    <message>
        <source>Def&amp;ault profile</source>
        <translation>默认配置文件(&amp;A)</translation>
    </message>
    <message>
        <source>Docker&apos;s default filter: the rarely used and dangerous system calls (mount, reboot, kexec_load, bpf …) fail, unless a capability the container has allows them.</source>
        <translation>Docker 的默认过滤器：很少使用且危险的系统调用（mount、reboot、kexec_load、bpf …）会失败，除非容器拥有的某项权能允许它们。</translation>
    </message>
    <message>
        <source>&amp;Unconfined (no filter)</source>
        <translation>不受限（无过滤器）(&amp;U)</translation>
    </message>
    <message>
        <source>Every system call reaches the kernel, including those most kernel exploits go through. Creating the container needs an administrator&apos;s approval.</source>
        <translation>所有系统调用都会到达内核，包括大多数内核漏洞利用所经由的系统调用。创建该容器需要管理员批准。</translation>
    </message>
    <message>
        <source>Custom profile f&amp;ile:</source>
        <translation>自定义配置文件(&amp;I)：</translation>
    </message>
    <message>
        <source>A seccomp profile in Docker&apos;s JSON format. A profile that allows every system call it does not list needs an administrator&apos;s approval.</source>
        <translation>Docker JSON 格式的 seccomp 配置文件。如果配置文件允许其未列出的所有系统调用，则需要管理员批准。</translation>
    </message>
    <message>
        <source>Seccomp profile file</source>
        <translation>Seccomp 配置文件</translation>
    </message>
    <message>
        <source>/path/to/profile.json</source>
        <translation>/path/to/profile.json</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose a seccomp profile file</source>
        <translation>选择 seccomp 配置文件</translation>
    </message>
    <message>
        <source>Seccomp profile</source>
        <translation>Seccomp 配置文件</translation>
    </message>
    <message>
        <source>Seccomp profiles (*.json);;All files (*)</source>
        <translation>Seccomp 配置文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a seccomp profile file, or another choice.</source>
        <translation>请选择一个 seccomp 配置文件，或选择其他选项。</translation>
    </message>
</context>
<context>
    <name>hako::gui::SecurityPage</name>
    <message>
        <source>Check isolation…</source>
        <translation>检查隔离…</translation>
    </message>
    <message>
        <source>Run the isolation check: experiments inside the running container, judged against its settings.</source>
        <translation>运行隔离检查：在运行中的容器内进行实验，并对照其设置判断结果。</translation>
    </message>
    <message>
        <source>Asked for</source>
        <translation>请求值</translation>
    </message>
    <message>
        <source>In force (read from the kernel)</source>
        <translation>生效值（从内核读取）</translation>
    </message>
    <message>
        <source>%1, asked for</source>
        <translation>%1，请求值</translation>
    </message>
    <message>
        <source>%1, in force</source>
        <translation>%1，生效值</translation>
    </message>
    <message>
        <source>The values in force are read from the kernel while the container runs; it is not running now, so only what its spec asks for is shown.</source>
        <translation>生效值需在容器运行时从内核读取；容器当前未在运行，因此只显示其规范所请求的值。</translation>
    </message>
    <message>
        <source>The container&apos;s spec could not be read: %1</source>
        <translation>无法读取容器的规范：%1</translation>
    </message>
    <message>
        <source>Differs from what was asked for</source>
        <translation>与请求值不符</translation>
    </message>
    <message>
        <source>Also in the spec: read-only root file system: %1; masked paths: %2; read-only paths: %3.</source>
        <translation>规范中的其他设置：只读根文件系统：%1；屏蔽路径：%2；只读路径：%3。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>hako::gui::SecurityRows</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Asked for but not in force: %1</source>
        <translation>已请求但未生效：%1</translation>
    </message>
    <message>
        <source>In force but not asked for: %1</source>
        <translation>已生效但未请求：%1</translation>
    </message>
    <message numerus="yes">
        <source>filter: the default profile, %n rule(s)</source>
        <translation>
            <numerusform>过滤器：默认配置文件，%n 条规则</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>filter: a custom profile, %n rule(s)</source>
        <translation>
            <numerusform>过滤器：自定义配置文件，%n 条规则</numerusform>
        </translation>
    </message>
    <message>
        <source>none (unconfined)</source>
        <translation>无（不受限）</translation>
    </message>
    <message numerus="yes">
        <source>filter, %n filter(s) on the process</source>
        <translation>
            <numerusform>过滤器，进程上有 %n 个过滤器</numerusform>
        </translation>
    </message>
    <message>
        <source>strict</source>
        <translation>严格模式</translation>
    </message>
    <message>
        <source>A seccomp filter was asked for, but the kernel reports none on the process.</source>
        <translation>已请求 seccomp 过滤器，但内核报告该进程上没有过滤器。</translation>
    </message>
    <message>
        <source>No seccomp filter was asked for, but the process has one (inherited from whoever started it).</source>
        <translation>未请求 seccomp 过滤器，但该进程有一个（继承自启动它的进程）。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>no_new_privs was asked for but is not set: setuid programs can gain privileges.</source>
        <translation>已请求 no_new_privs，但它未被设置：setuid 程序可以获取特权。</translation>
    </message>
    <message>
        <source>no_new_privs is set although the spec did not ask for it.</source>
        <translation>规范未请求 no_new_privs，但它已被设置。</translation>
    </message>
    <message>
        <source>uid %1, gid %2</source>
        <translation>uid %1，gid %2</translation>
    </message>
    <message>
        <source>%1 inside, not mapped on the host</source>
        <translation>容器内 %1，未映射到主机</translation>
    </message>
    <message>
        <source>%1 on the host (%2 inside)</source>
        <translation>主机上 %1（容器内 %2）</translation>
    </message>
    <message>
        <source>%1 on the host</source>
        <translation>主机上 %1</translation>
    </message>
    <message>
        <source>Real, effective, saved and file-system ids:
uid %1
gid %2</source>
        <translation>实际、有效、保存和文件系统 ID：
uid %1
gid %2</translation>
    </message>
    <message>
        <source>The process runs as other host ids than the spec&apos;s user maps to.</source>
        <translation>进程在主机上使用的 ID 与规范中的用户所映射到的 ID 不同。</translation>
    </message>
    <message numerus="yes">
        <source>%1 → %2, %n id(s)</source>
        <translation>
            <numerusform>%1 → %2，共 %n 个 ID</numerusform>
        </translation>
    </message>
    <message>
        <source>the host&apos;s own (no user namespace)</source>
        <translation>主机自身的映射（无用户命名空间）</translation>
    </message>
    <message>
        <source>the joined namespace&apos;s</source>
        <translation>所加入命名空间的映射</translation>
    </message>
    <message>
        <source>the host&apos;s own</source>
        <translation>主机自身的映射</translation>
    </message>
    <message>
        <source>The kernel&apos;s map differs from the spec&apos;s mappings.</source>
        <translation>内核中的映射与规范中的映射不同。</translation>
    </message>
    <message>
        <source>No user namespace was asked for, but the process is in one.</source>
        <translation>未请求用户命名空间，但该进程位于某个用户命名空间中。</translation>
    </message>
    <message>
        <source>Effective capabilities</source>
        <translation>有效权能</translation>
    </message>
    <message>
        <source>Permitted capabilities</source>
        <translation>许可权能</translation>
    </message>
    <message>
        <source>Bounding set</source>
        <translation>权能边界集</translation>
    </message>
    <message>
        <source>Seccomp</source>
        <translation>Seccomp</translation>
    </message>
    <message>
        <source>No new privileges</source>
        <translation>禁止获取新特权</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>UID map</source>
        <translation>UID 映射</translation>
    </message>
    <message>
        <source>GID map</source>
        <translation>GID 映射</translation>
    </message>
</context>
<context>
    <name>hako::gui::SizeEdit</name>
    <message>
        <source>no limit</source>
        <extracomment>An empty size field: nothing is limited.</extracomment>
        <translation>不限制</translation>
    </message>
    <message>
        <source>%1: unit</source>
        <translation>%1：单位</translation>
    </message>
    <message>
        <source>B</source>
        <extracomment>Unit: bytes.</extracomment>
        <translation>B</translation>
    </message>
    <message>
        <source>KiB</source>
        <extracomment>Unit: kibibytes (1024 bytes).</extracomment>
        <translation>KiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <extracomment>Unit: mebibytes (1024 KiB).</extracomment>
        <translation>MiB</translation>
    </message>
    <message>
        <source>GiB</source>
        <extracomment>Unit: gibibytes (1024 MiB).</extracomment>
        <translation>GiB</translation>
    </message>
    <message>
        <source>Enter a number of %1, such as 100 or 1.5, or nothing for no limit.</source>
        <translation>请输入以 %1 为单位的数值，如 100 或 1.5；留空表示不限制。</translation>
    </message>
    <message>
        <source>Too large.</source>
        <translation>数值过大。</translation>
    </message>
</context>
<context>
    <name>hako::gui::StatsChart</name>
    <message>
        <source>%1 %2</source>
        <extracomment>A line of a graph and its value: &quot;Used 1.2 MiB&quot;</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>At %1: </source>
        <extracomment>Before the values of a graph&apos;s lines at a moment the pointer is on; %1 is a clock time</extracomment>
        <translation>%1 时：</translation>
    </message>
</context>
<context>
    <name>hako::gui::StatsFeed</name>
    <message>
        <source>The statistics cannot be shown: %1</source>
        <translation>无法显示统计信息：%1</translation>
    </message>
</context>
<context>
    <name>hako::gui::StatsOverview</name>
    <message>
        <source>Running containers at a glance</source>
        <translation>运行中容器一览</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <extracomment>Memory in use of a limit: &quot;24.0 MiB of 100.0 MiB&quot;</extracomment>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1
CPU %2 · Memory %3</source>
        <extracomment>Tooltip of a container&apos;s tile: %1 name, %2 CPU use (&quot;12.5 %&quot;), %3 memory (&quot;24.0 MiB&quot;)</extracomment>
        <translation>%1
CPU %2 · 内存 %3</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Double-click for its statistics.</source>
        <translation>双击查看其统计信息。</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Mem</source>
        <extracomment>Short label of the memory sparkline in a container&apos;s tile</extracomment>
        <translation>内存</translation>
    </message>
    <message>
        <source>No container is running.</source>
        <translation>没有正在运行的容器。</translation>
    </message>
    <message>
        <source>Waiting for Hako&apos;s helper…</source>
        <translation>正在等待 Hako 辅助服务…</translation>
    </message>
    <message>
        <source>Running Containers</source>
        <extracomment>Title of the strip with every running container&apos;s CPU and memory sparklines</extracomment>
        <translation>运行中的容器</translation>
    </message>
</context>
<context>
    <name>hako::gui::StatsStrip</name>
    <message>
        <source>Statistics…</source>
        <translation>统计信息…</translation>
    </message>
    <message>
        <source>Graphs of this container&apos;s CPU, memory, network, disk and processes</source>
        <translation>此容器的 CPU、内存、网络、磁盘和进程图表</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>未在运行</translation>
    </message>
    <message>
        <source>CPU %1 · Memory %2</source>
        <extracomment>The shown container&apos;s use now: %1 CPU (&quot;12.5 %&quot;), %2 memory (&quot;24.0 MiB&quot;)</extracomment>
        <translation>CPU %1 · 内存 %2</translation>
    </message>
</context>
<context>
    <name>hako::gui::StatsWindow</name>
    <message>
        <source>Last minute</source>
        <extracomment>How far back the graphs reach</extracomment>
        <translation>最近 1 分钟</translation>
    </message>
    <message>
        <source>Last 5 minutes</source>
        <translation>最近 5 分钟</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>最近 15 分钟</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Statistics</source>
        <extracomment>Window title before the container&apos;s name is known</extracomment>
        <translation>统计信息</translation>
    </message>
    <message>
        <source>This container has been removed.</source>
        <translation>此容器已被删除。</translation>
    </message>
    <message>
        <source>&amp;Pause Display</source>
        <translation>暂停显示(&amp;P)</translation>
    </message>
    <message>
        <source>Stop moving the graphs to read them at leisure; the figures keep being recorded and appear when you resume.</source>
        <translation>让图表停止滚动，以便从容查看；数据仍会继续记录，并在恢复显示后出现。</translation>
    </message>
    <message>
        <source>&amp;Resume Display</source>
        <translation>恢复显示(&amp;R)</translation>
    </message>
    <message>
        <source>How far back the graphs reach</source>
        <translation>图表显示的时间范围</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Used</source>
        <extracomment>The line of a graph that shows what the container uses</extracomment>
        <translation>已用</translation>
    </message>
    <message>
        <source>Limit</source>
        <extracomment>The line of a graph that shows the container&apos;s limit</extracomment>
        <translation>限制</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Received</source>
        <extracomment>Network traffic into the container</extracomment>
        <translation>接收</translation>
    </message>
    <message>
        <source>Sent</source>
        <extracomment>Network traffic out of the container</extracomment>
        <translation>发送</translation>
    </message>
    <message>
        <source>Disk I/O</source>
        <extracomment>Reads and writes of block devices (disks)</extracomment>
        <translation>磁盘 I/O</translation>
    </message>
    <message>
        <source>Read</source>
        <extracomment>Bytes read from disks</extracomment>
        <translation>读取</translation>
    </message>
    <message>
        <source>Written</source>
        <extracomment>Bytes written to disks</extracomment>
        <translation>写入</translation>
    </message>
    <message>
        <source>Processes</source>
        <extracomment>The line of the number of processes (and threads) in the container</extracomment>
        <translation>进程数</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Network since the start</source>
        <extracomment>Totals since the container started</extracomment>
        <translation>启动以来的网络流量</translation>
    </message>
    <message>
        <source>Disk I/O since the start</source>
        <extracomment>Totals since the container started</extracomment>
        <translation>启动以来的磁盘 I/O</translation>
    </message>
    <message>
        <source>%1 of one core; limit %2 cores (%3 of it)</source>
        <extracomment>%1 is a CPU use (&quot;48.9 %&quot;), %2 a number of cores (&quot;0.50&quot;), %3 the share of them (&quot;97.8 %&quot;)</extracomment>
        <translation>单核的 %1；限制 %2 核（已用 %3）</translation>
    </message>
    <message>
        <source>%1 of one core; no limit</source>
        <extracomment>%1 is a CPU use (&quot;48.9 %&quot;); 100 % is one core</extracomment>
        <translation>单核的 %1；不限制</translation>
    </message>
    <message>
        <source>%1 of %2 (%3)</source>
        <extracomment>%1 is memory in use, %2 the limit, %3 the share of it (&quot;1.2 MiB of 100.0 MiB (1.2 %)&quot;)</extracomment>
        <translation>%1 / %2 (%3)</translation>
    </message>
    <message>
        <source>%1; no limit</source>
        <extracomment>%1 is memory in use</extracomment>
        <translation>%1；不限制</translation>
    </message>
    <message>
        <source>%1 of at most %2</source>
        <translation>%1 / 上限 %2</translation>
    </message>
    <message>
        <source>Received %1, sent %2</source>
        <extracomment>Network totals: %1 bytes received, %2 bytes sent</extracomment>
        <translation>接收 %1，发送 %2</translation>
    </message>
    <message>
        <source>Read %1, written %2</source>
        <extracomment>Disk totals: %1 bytes read, %2 bytes written</extracomment>
        <translation>读取 %1，写入 %2</translation>
    </message>
    <message>
        <source>Statistics of “%1”</source>
        <extracomment>%1 is the container&apos;s name</extracomment>
        <translation>“%1”的统计信息</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused: its processes are frozen, so it uses no CPU until it is resumed.</source>
        <translation>已暂停：其进程已被冻结，因此在恢复之前不占用 CPU。</translation>
    </message>
    <message>
        <source>Stopped: the kernel killed it for running out of memory (exit status %1). The graphs show its last run.</source>
        <extracomment>%1 is the exit status (137)</extracomment>
        <translation>已停止：内核因内存耗尽将其终止（退出状态 %1）。图表显示的是它上一次的运行。</translation>
    </message>
    <message>
        <source>Stopped with exit status %1. The graphs show its last run.</source>
        <translation>已停止，退出状态为 %1。图表显示的是它上一次的运行。</translation>
    </message>
    <message>
        <source>Stopped. The graphs show its last run.</source>
        <translation>已停止。图表显示的是它上一次的运行。</translation>
    </message>
    <message>
        <source>Not started yet: the graphs begin when it runs.</source>
        <translation>尚未启动：容器运行后才开始绘制图表。</translation>
    </message>
</context>
<context>
    <name>hako::gui::ThrottleTable</name>
    <message>
        <source>Read, bytes/s</source>
        <translation>读取速率 (bps)</translation>
    </message>
    <message>
        <source>Write, bytes/s</source>
        <translation>写入速率 (bps)</translation>
    </message>
    <message>
        <source>Read, operations/s</source>
        <translation>读取 IOPS</translation>
    </message>
    <message>
        <source>Write, operations/s</source>
        <translation>写入 IOPS</translation>
    </message>
    <message>
        <source>Device throttles</source>
        <translation>设备限速</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限制</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>&amp;Add throttle</source>
        <translation>添加限速(&amp;A)</translation>
    </message>
    <message>
        <source>Add a device throttle</source>
        <translation>添加一项设备限速</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected device throttles</source>
        <translation>删除所选设备限速</translation>
    </message>
    <message>
        <source>Row %1: limit</source>
        <translation>第 %1 行：限制</translation>
    </message>
    <message>
        <source>Enter the device node, such as /dev/sda.</source>
        <translation>请输入设备节点，如 /dev/sda。</translation>
    </message>
    <message>
        <source>Enter the rate in bytes per second, such as 10m or 512k.</source>
        <translation>请输入每秒字节数，如 10m 或 512k。</translation>
    </message>
    <message>
        <source>Enter the rate in operations per second, such as 100.</source>
        <translation>请输入每秒操作数，如 100。</translation>
    </message>
</context>
<context>
    <name>hako::gui::TmpfsTable</name>
    <message>
        <source>Tmpfs mounts</source>
        <translation>tmpfs 挂载</translation>
    </message>
    <message>
        <source>Path in the container</source>
        <translation>容器内路径</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Options, separated by commas: size=64m, mode=1777, uid=, gid=, exec, ro … Empty: Docker&apos;s defaults (rw, noexec, nosuid, nodev; at most half of the host&apos;s memory).</source>
        <translation>选项，以逗号分隔：size=64m, mode=1777, uid=, gid=, exec, ro … 留空则使用 Docker 的默认值（rw, noexec, nosuid, nodev；最多占用主机内存的一半）。</translation>
    </message>
    <message>
        <source>N&amp;ew tmpfs</source>
        <translation>新建 tmpfs(&amp;E)</translation>
    </message>
    <message>
        <source>Add a tmpfs mount</source>
        <translation>添加 tmpfs 挂载</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>删除(&amp;V)</translation>
    </message>
    <message>
        <source>Remove the selected tmpfs mounts</source>
        <translation>删除所选 tmpfs 挂载</translation>
    </message>
    <message>
        <source>Enter the path to mount the tmpfs at</source>
        <translation>请输入 tmpfs 的挂载路径</translation>
    </message>
    <message>
        <source>The tmpfs cannot be mounted at /</source>
        <translation>tmpfs 不能挂载到 /</translation>
    </message>
    <message>
        <source>%1: the path must be absolute</source>
        <translation>%1：路径必须是绝对路径</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Hako, a desktop container manager</source>
        <translation>Hako，桌面容器管理器</translation>
    </message>
    <message>
        <source>Save the main window as FILE once it shows the containers, then quit.</source>
        <translation>在主窗口显示出容器后将其保存为 FILE，然后退出。</translation>
    </message>
    <message>
        <source>Print the start-up time to the first painted list, then quit.</source>
        <translation>打印从启动到首次绘制出列表所用的时间，然后退出。</translation>
    </message>
</context>
</TS>
